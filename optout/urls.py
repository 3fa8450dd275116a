from django.urls import path

from optout.views import account, calculator, calendar, cases, links, pages, people, requests

urlpatterns = [
    path("", pages.home, name="home"),
    path("confidentialite/", pages.privacy, name="privacy"),
    path("mentions-legales/", pages.legal, name="legal"),
    path("verifier-mes-numeros/", pages.checker, name="checker"),
    path("calcul/", calculator.calculator, name="calculator"),
    path("ecrire-a-ma-caisse/", requests.request_letter, name="request_letter"),
    path("saisir-la-cnil/", requests.complaint, name="complaint"),
    path("suivi/", cases.dashboard, name="dashboard"),
    path("suivi/nouvelle-demarche/", cases.case_new, name="case_new"),
    path("suivi/personnes/", people.people, name="people"),
    path("suivi/personnes/<int:person_id>/nouvelle-demarche/", cases.case_new_for, name="case_new_for"),
    path("suivi/personnes/<int:person_id>/modifier/", people.person_edit, name="person_edit"),
    path("suivi/personnes/<int:person_id>/supprimer/", people.person_delete, name="person_delete"),
    path("suivi/demarches/<int:case_id>/", cases.case_detail, name="case_detail"),
    path("suivi/demarches/<int:case_id>/demarche/", cases.case_route, name="case_route"),
    path("suivi/demarches/<int:case_id>/appels/", cases.call_create, name="call_create"),
    path("suivi/demarches/<int:case_id>/etapes/<slug:kind>/", cases.step_update, name="step_update"),
    path("suivi/demarches/<int:case_id>/supprimer/", cases.case_delete, name="case_delete"),
    path("suivi/demarches/<int:case_id>/demande-ecrite/", requests.case_request, name="case_request"),
    path(
        "suivi/demarches/<int:case_id>/demande-ecrite/lettre/", requests.case_request_letter, name="case_request_letter"
    ),
    path("suivi/demarches/<int:case_id>/cnil/", requests.case_complaint, name="case_complaint"),
    path("suivi/demarches/<int:case_id>/chronologie/", requests.case_timeline, name="case_timeline"),
    path("compte/mes-donnees/", account.account_export, name="account_export"),
    path("compte/supprimer/", account.account_delete, name="account_delete"),
    path("compte/agenda/", calendar.calendar_settings, name="calendar_settings"),
    path("compte/adresse/verifier/", account.address_check, name="address_check"),
    path("calendrier/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("fait/<str:token>/", links.step_done_link, name="step_done_link"),
    path("rappels/arret/<str:token>/", links.unsubscribe, name="unsubscribe"),
    path("adresse/confirmer/<str:token>/", links.address_works_link, name="address_works_link"),
]
