"""The review's paths and names (other parts rely on both: the browser tests, the e-mail
digest's links, `toteuma web`)."""

from django.urls import include, path

from review.pages.views import audit_log, downloads, failure, morning, releases, unit

UNIT = "kunta/<str:municipality>/<str:date>/<str:unit>/"

urlpatterns = [
    path("", include("django.contrib.auth.urls")),
    path("", morning.morning, name="morning"),
    path("tarkistus/<str:check>/", failure.failure, name="failure"),
    path("tarkistus/<str:check>/poikkeuslupa/", failure.waive, name="waive"),
    path("tarkistus/<str:check>/kommentti/", failure.comment, name="comment"),
    path(
        "tarkistus/<str:check>/poikkeuslupa/<int:waiver>/peru/",
        failure.withdraw_waiver,
        name="withdraw_waiver",
    ),
    path(UNIT, unit.unit, name="unit"),
    path(UNIT + "selitys/", unit.explain, name="unit_explain"),
    path(UNIT + "laheta/", unit.submit, name="unit_submit"),
    path(UNIT + "hyvaksy/", unit.approve, name="unit_approve"),
    path(UNIT + "palauta/", unit.send_back, name="unit_send_back"),
    path(UNIT + "avaa/", unit.reopen, name="unit_reopen"),
    path("julkaisut/", releases.releases, name="releases"),
    path("lataukset/", downloads.downloads, name="downloads"),
    path("lataukset/<str:kind>/", downloads.download, name="download"),
    path("loki/", audit_log.audit_log, name="audit"),
]
