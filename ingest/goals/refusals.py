"""Why a goal workbook cannot be opened or read, in a controller's words.

openpyxl reports a file that is not a workbook, a damaged package and an XML construction
that defusedxml refuses with exceptions of its own (some quote the server's full path).
None of that wording reaches a person: `refusal` says what the file was expected to be,
what it was found to be, and what to do.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ingest.errors import LandingFileError
from warehouse.hetu import mask_hetu

RESAVE = "tallenna työkirja Excelissä uudelleen .xlsx-muodossa ja toimita uusi kopio"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx files
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HEAD = 65536  # a DTD comes before the root element: the first bytes of a part tell


def refusal(path: Path, error: BaseException, sheet: str | None = None) -> LandingFileError:
    """The LandingFileError for a workbook openpyxl could not open (or, with `sheet`, could
    not read that sheet of): one line naming the file (and sheet), expected and found."""
    if _caused_by(error, DefusedXmlException):
        sheet = sheet or sheet_declaring_entities(path)
        part = (
            f"välilehteä {_quote(sheet)} sellaisena kuin Excel sen kirjoittaa"
            if sheet
            else "sitä, mitä Excel kirjoittaa"
        )
        problem = (
            f"{path.name} ei ole työkirja, jonka voi lukea turvallisesti: odotettiin {part},"
            f" löytyi XML-entiteettien määrittelyjä, joita Excel ei koskaan kirjoita ja joilla"
            f" pieni tiedosto voi paisua gigatavuiksi; {RESAVE}"
        )
    elif sheet:
        problem = (
            f"{path.name}, välilehti {_quote(sheet)}: odotettiin välilehden soluja sellaisina"
            f" kuin Excel ne kirjoittaa, löytyi vaurioitunut välilehti, jota ei voi lukea;"
            f" {RESAVE}"
        )
    else:
        problem = f"{path.name}: odotettiin Excel-työkirjaa (.xlsx), löytyi {_kind_of(path)}"
    return LandingFileError(path.name, [problem])


def _caused_by(error: BaseException | None, kind: type) -> bool:
    """openpyxl wraps what defusedxml raises in a ValueError of its own."""
    while error is not None:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
    return False


def _kind_of(path: Path) -> str:
    with path.open("rb") as file:
        head = file.read(512)
    if not head:
        return "tyhjä tiedosto"
    if head.startswith(_OLE2):
        return (
            "Excel 97–2003 -työkirja (.xls) tai salasanalla suojattu työkirja; "
            "tallenna se ilman salasanaa .xlsx-muodossa"
        )
    if not head.startswith(b"PK"):
        kind = "muunlainen tiedosto" if b"\x00" in head else "tekstitiedosto (CSV?)"
        return f"{kind} .xlsx-nimellä; tallenna se Excelissä .xlsx-työkirjaksi"
    return f"vaurioitunut paketti tai paketti, jossa ei ole työkirjaa; {RESAVE}"


def sheet_declaring_entities(path: Path) -> str | None:
    """The title of the first sheet whose XML declares entities, or None when none can be
    named safely (each part is read only as far as its head; the workbook's own index is
    parsed with defusedxml, so an index that declares entities names nothing)."""
    try:
        with zipfile.ZipFile(path) as package:
            declaring = {
                name
                for name in package.namelist()
                if name.startswith("xl/worksheets/") and b"<!ENTITY" in _head(package, name)
            }
            index = fromstring(_head(package, "xl/workbook.xml", 1 << 20))
            links = fromstring(_head(package, "xl/_rels/workbook.xml.rels", 1 << 20))
    except Exception:  # whatever stops the search leaves the message without a sheet
        return None
    relationships = links.iter(f"{_PACKAGE}Relationship")
    targets = {link.get("Id"): link.get("Target", "") for link in relationships}
    for sheet in index.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_ID), "").lstrip("/")
        if (target if target.startswith("xl/") else f"xl/{target}") in declaring:
            return sheet.get("name")
    return None


def _head(package: zipfile.ZipFile, name: str, size: int = _HEAD) -> bytes:
    with package.open(name) as part:
        return part.read(size)


def _quote(text: str) -> str:
    return f"'{mask_hetu(text)}'"
