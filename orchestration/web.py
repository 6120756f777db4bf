"""`toteuma web`: the controllers' review pages of one warehouse, on a production server.

The order matters and each step is a plain refusal when it cannot be done:
1. the listening socket is bound first (a busy port or a host that is not this machine's
   is told in one Finnish line, before anything is written);
2. TOTEUMA_WAREHOUSE_PATH names the chosen warehouse before Django is set up, so the
   application (review.site.settings) resolves the same warehouse, store and key files as
   this command did;
3. the warehouse's store is created or brought up to date (review.store.schema.migrate);
4. review.site.wsgi.application is served by waitress (8 worker threads) on that socket,
   static files by whitenoise from the apps' folders (no collectstatic, no CDN).

Ctrl-C (SIGINT) and SIGTERM stop the server after the requests in progress.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import signal
import socket
import sys
from dataclasses import dataclass

THREADS = 8


class WebRefused(Exception):
    """The server cannot start; the message is one Finnish sentence for the operator."""


@dataclass(frozen=True)
class Listening:
    sock: socket.socket
    url: str


def url_of(host: str, port: int) -> str:
    """The address a browser opens: http://127.0.0.1:8000/ ([::1] for an IPv6 host)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def bind(host: str, port: int) -> Listening:
    """A TCP socket bound to host:port (not yet listening; waitress listens on it).

    Raises WebRefused when the port is taken, needs rights this user lacks, or the host is
    not an address of this machine."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as problem:
        raise WebRefused(
            f"osoitetta {host} ei löydy ({problem.strerror}). Tarkista --host tai"
            " TOTEUMA_WEB_HOST (oletus 127.0.0.1)."
        ) from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as problem:
        sock.close()
        raise WebRefused(_bind_problem(problem, host, port)) from None
    return Listening(sock, url_of(host, port))


def _bind_problem(problem: OSError, host: str, port: int) -> str:
    if problem.errno == errno.EADDRINUSE:
        return (
            f"portti {port} on jo käytössä osoitteessa {host}: jokin toinen ohjelma (tai"
            " toinen `toteuma web`) kuuntelee sitä. Sulje se tai valitse toinen portti:"
            " --port tai TOTEUMA_WEB_PORT."
        )
    if problem.errno == errno.EACCES:
        return (
            f"porttia {port} ei saa avata tällä käyttäjällä (alle 1024 olevat portit"
            " vaativat ylläpitäjän oikeudet). Valitse portti 1024 tai suurempi: --port."
        )
    if problem.errno == errno.EADDRNOTAVAIL:
        return (
            f"osoite {host} ei ole tämän koneen osoite. Käytä 127.0.0.1 (vain tämä kone)"
            " tai 0.0.0.0 (kaikki verkkoliitännät): --host tai TOTEUMA_WEB_HOST."
        )
    return f"osoitteeseen {host}:{port} ei voitu sitoutua: {problem.strerror}."


def use_warehouse(warehouse_path: os.PathLike | str) -> None:
    """Point the Django application at this warehouse; before Django is set up, else the
    application would already have resolved another one."""
    from django.apps import apps

    absolute = os.path.abspath(warehouse_path)
    if apps.ready and os.environ.get("TOTEUMA_WAREHOUSE_PATH") != absolute:
        raise RuntimeError("Django was set up for another warehouse before `toteuma web`")
    os.environ["TOTEUMA_WAREHOUSE_PATH"] = absolute


def serve(listening: Listening, settings) -> None:
    """Migrate the warehouse's store and serve the review on the bound socket until
    Ctrl-C or SIGTERM. `settings`: warehouse.settings.Settings of the chosen warehouse."""
    use_warehouse(settings.warehouse_path)
    from review.store.schema import migrate

    migrate(settings.store)
    import waitress

    from review.site.wsgi import application

    server = waitress.create_server(
        application,
        sockets=[listening.sock],
        threads=THREADS,
        ident="toteuma",
        clear_untrusted_proxy_headers=True,
    )
    # SIGTERM (a service manager, the test harness) ends the loop as Ctrl-C does
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(
        f"Tarkastussivut: {listening.url} (tietovarasto {settings.warehouse_path}). "
        "Pysäytä: Ctrl-C.",
        flush=True,
    )
    if not ipaddress.ip_address(listening.sock.getsockname()[0]).is_loopback:
        from django.conf import settings as django

        print(network_note(django.ALLOWED_HOSTS), flush=True)
    server.run()


def network_note(allowed_hosts: list[str]) -> str:
    """What serving beyond this machine needs (README: the review in a browser): the
    session and form cookies are Secure, so a browser on another machine keeps them only
    over HTTPS, and Django answers only the host names it is told (`allowed_hosts`)."""
    return (
        "Huom: muilta koneilta sivut avataan HTTPS:n kautta (organisaation käänteinen"
        " välityspalvelin tähän porttiin): tavallisella http-yhteydellä selain ei palauta"
        " kirjautumisen evästettä. Sallitut osoitteet: TOTEUMA_WEB_ALLOWED_HOSTS (nyt"
        f" {', '.join(allowed_hosts)}) ja TOTEUMA_WEB_TRUSTED_ORIGINS (https://…)."
    )
