"""Row builders for the unit tests' inline CSV fixtures."""

GL_HEADER = (
    "Kunta;Tilikausi;Kausi;Tositepvm;Tositenro;Kustannuspaikka;Tili;Projekti;Selite;Debet;Kredit"
)


def gl_row(
    *,
    debet: str = "",
    kredit: str = "",
    selite: str = "Lasku",
    date: str = "31.3.2026",
    month: str = "3",
    projekti: str = "",
) -> str:
    """One gl data row with sensible defaults, so a test spells out only what it is about."""
    return f"111;2026;{month};{date};1001;K100;4000;{projekti};{selite};{debet};{kredit}"
