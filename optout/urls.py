from django.urls import path, register_converter

from optout.views import account, calculator, calendar, cases, links, new_case, pages, people, requests


class SignedToken:
    """A signed link's token (django.core.signing: URL-safe base64 and colons), of a sane length.

    Anything else — a NUL byte, a space, non-ASCII text, ten kilobytes — is a 404
    before any view or query runs.
    """

    regex = r"[A-Za-z0-9_:-]{1,256}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FeedToken(SignedToken):
    """A calendar feed's token: `secrets.token_urlsafe(32)`, 43 characters."""

    regex = r"[A-Za-z0-9_-]{20,64}"


register_converter(SignedToken, "signed")
register_converter(FeedToken, "feed")

urlpatterns = [
    path("", pages.home, name="home"),
    path("confidentialite/", pages.privacy, name="privacy"),
    path("glossaire/", pages.glossary, name="glossary"),
    path("mentions-legales/", pages.legal, name="legal"),
    path("accessibilite/", pages.accessibility, name="accessibility"),
    path("verifier-mes-numeros/", pages.checker, name="checker"),
    path("ce-message-est-il-authentique/", pages.genuine, name="genuine"),
    path("calcul/", calculator.calculator, name="calculator"),
    path("ecrire-a-ma-caisse/", requests.request_letter, name="request_letter"),
    path("saisir-la-cnil/", requests.complaint, name="complaint"),
    path("saisir-la-cnil/mandat/", requests.complaint_mandate, name="complaint_mandate"),
    path("suivi/", cases.dashboard, name="dashboard"),
    path("suivi/nouvelle-demarche/", new_case.case_new, name="case_new"),
    path("suivi/personnes/", people.people, name="people"),
    path("suivi/personnes/<int:person_id>/nouvelle-demarche/", new_case.case_new_for, name="case_new_for"),
    path("suivi/personnes/<int:person_id>/modifier/", people.person_edit, name="person_edit"),
    path("suivi/personnes/<int:person_id>/supprimer/", people.person_delete, name="person_delete"),
    path("suivi/demarches/<int:case_id>/", cases.case_detail, name="case_detail"),
    path("suivi/demarches/<int:case_id>/fiche/", cases.case_sheet, name="case_sheet"),
    path("suivi/demarches/<int:case_id>/fiche-ensemble/", cases.case_together_sheet, name="case_together_sheet"),
    path("suivi/demarches/<int:case_id>/demarche/", cases.case_route, name="case_route"),
    path("suivi/demarches/<int:case_id>/appels/", cases.call_create, name="call_create"),
    path("suivi/demarches/<int:case_id>/etapes/<slug:kind>/", cases.step_update, name="step_update"),
    path("suivi/demarches/<int:case_id>/supprimer/", cases.case_delete, name="case_delete"),
    path("suivi/demarches/<int:case_id>/demande-ecrite/", requests.case_request, name="case_request"),
    path(
        "suivi/demarches/<int:case_id>/demande-ecrite/lettre/", requests.case_request_letter, name="case_request_letter"
    ),
    path("suivi/demarches/<int:case_id>/cnil/", requests.case_complaint, name="case_complaint"),
    path("suivi/demarches/<int:case_id>/cnil/mandat/", requests.case_complaint_mandate, name="case_complaint_mandate"),
    path("suivi/demarches/<int:case_id>/chronologie/", requests.case_timeline, name="case_timeline"),
    path("compte/mes-donnees/", account.account_export, name="account_export"),
    path("compte/mes-donnees/lisible/", account.account_export_page, name="account_export_page"),
    path("compte/supprimer/", account.account_delete, name="account_delete"),
    path("compte/agenda/", calendar.calendar_settings, name="calendar_settings"),
    path("compte/adresse/verifier/", account.address_check, name="address_check"),
    path("calendrier/<feed:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("fait/<signed:token>/", links.step_done_link, name="step_done_link"),
    path("rappels/arret/<signed:token>/", links.unsubscribe, name="unsubscribe"),
    path("adresse/confirmer/<signed:token>/", links.address_works_link, name="address_works_link"),
]
