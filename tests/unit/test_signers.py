"""Who may sign off what is data: controls/signers.yaml."""

from warehouse.controls.signers import load_signers, permission

SIGNERS = """\
signers:
  - user: tiina
    name: Tiina Talousjohtaja
    municipality: "111"
    units: all
  - user: matti
    name: Matti Controller
    municipality: "111"
    units: ["600"]
"""


def _signers(tmp_path):
    path = tmp_path / "signers.yaml"
    path.write_text(SIGNERS, encoding="utf-8")
    return load_signers(path)


def test_a_signer_of_a_unit_may_approve_it_and_every_unit_under_it(tmp_path):
    signers = _signers(tmp_path)
    assert permission(signers, "matti", "111", "600", ["1", "600"])
    assert permission(signers, "matti", "111", "606", ["1", "600", "606"])


def test_a_signer_of_a_unit_may_not_approve_units_beside_or_above_it(tmp_path):
    signers = _signers(tmp_path)
    assert not permission(signers, "matti", "111", "512", ["1", "500", "512"])
    assert not permission(signers, "matti", "111", None, [])  # the whole municipality


def test_all_units_includes_the_municipality_as_a_whole_but_not_another_municipality(tmp_path):
    signers = _signers(tmp_path)
    assert permission(signers, "tiina", "111", None, [])
    assert not permission(signers, "tiina", "398", None, [])


def test_a_user_not_listed_may_approve_nothing(tmp_path):
    assert not permission(_signers(tmp_path), "stranger", "111", "600", ["1", "600"])
