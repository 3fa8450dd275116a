"""When phone and website fail: the written request (built in the browser), its dates, the CNIL, the timeline.

The letter, the complaint and the mandate for it are written in the person's browser
(static/js/letter.js): their pages hold no form, and nothing typed there is ever sent.
Only the request's kind, channel and dates are recorded, on their own page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from optout import deadlines, request_words, selectors, services
from optout.forms import WrittenRequestForm
from optout.sources import sources
from optout.state import scheme_of
from optout.vocabulary import Relation, RequestChannel, RequestKind, Scheme
from optout.wording import schemes

LETTER_SOURCES = ("R1111-36-demande", "R1111-26", "L1111-13-1", "R1111-28", "rgpd-12", "cnil-questions", "ameli")
#: Where the address is found, by who wrote: never ameli.fr to a member of a mutual section.
SCHEME_SOURCES = {Scheme.MSA: ("msa-site",), Scheme.MUTUAL: (), Scheme.OTHER: (), Scheme.CGSS: ()}
COMPLAINT_SOURCES = ("cnil-plaintes", "cnil-mandat", "rgpd-12", "R1111-36-demande")
MANDATE_SOURCES = ("cnil-mandat", "cnil-plaintes")


#: Who writes: the person themself, a parent, a legal representative. Anyone else who acts for
#: themself writes in the first person.
VOICES = (Relation.SELF, Relation.CHILD, Relation.REPRESENTED)


def _voice(relation: str | None) -> str:
    return relation if relation in VOICES else Relation.SELF


def _letter_context(kind: str, relation: str, scheme: str, **extra) -> dict:
    """The letter's variants: what it asks, who writes, and who wrote the letter received (its addressee)."""
    relation, scheme = _voice(relation), schemes.known(scheme)
    keys = [key for key in LETTER_SOURCES if key != "ameli"] + list(SCHEME_SOURCES.get(scheme, ("ameli",)))
    return {
        "kind": kind,
        "relation": relation,
        "scheme": scheme,
        "kinds": RequestKind.choices,
        "relations": [(value, label) for value, label in Relation.choices if value in VOICES],
        "schemes": Scheme.choices,
        "channels": RequestChannel.choices,
        "sources": sources(*keys),
        "addressee": schemes.addressee_sentence(scheme),
        "by_email": schemes.by_email(scheme),
        "where_to_write": schemes.where_to_write(scheme),
        "address_hint": schemes.address_hint(scheme),
        "body_name": schemes.body_name(scheme),
        "whose_dpo": schemes.whose_dpo(scheme),
        "letter_sender": schemes.letter_sender_fr(scheme),
        **extra,
    }


@require_safe
def request_letter(request):
    """The letter without an account: what it asks, for whom and who wrote come from the link, nothing else."""
    kind = request.GET.get("kind")
    relation = request.GET.get("for")
    kind = kind if kind in RequestKind.values else RequestKind.CLOSURE
    context = _letter_context(kind, relation, request.GET.get("regime"))
    return render(request, "pages/request_letter.html", context)


@login_required
@require_safe
def case_request_letter(request, case_id):
    """The letter for a case: its kind and person from the case, and the dates we already know."""
    detail = selectors.case_detail_for(user=request.user, case_id=case_id, now=timezone.now())
    row = detail.row
    recorded = row.written_request
    kind = recorded.kind if recorded else services.request_kind_for(row.case)
    today = deadlines.local_today(timezone.now(), request.user.time_zone)
    note = request_words.opposition_letter_note(row.who, row.deadlines, today) if row.deadlines else ""
    context = _letter_context(kind, row.person.relation, scheme_of(row.case), row=row, opposition_note=note)
    return render(request, "pages/request_letter.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_request(request, case_id):
    """Record a request sent, then its delivery, an extension, the answer; or stop following it."""
    case = selectors.case_for(user=request.user, case_id=case_id)
    now = timezone.now()
    today = deadlines.local_today(now, request.user.time_zone)
    recorded = getattr(case, "written_request", None)
    case_url = reverse("case_detail", kwargs={"case_id": case.pk}) + "#written-request"
    if request.method == "POST" and request.POST.get("action") == "delete":
        services.written_request_delete(case=case, now=now)
        messages.success(request, _("Nous ne suivons plus cette demande écrite."))
        return redirect(case_url)
    if recorded is not None:
        initial = {name: getattr(recorded, name) for name in WrittenRequestForm.base_fields}
    else:
        initial = {"kind": services.request_kind_for(case), "channel": RequestChannel.REGISTERED, "sent_on": today}
    form = WrittenRequestForm(request.POST or None, initial=initial, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            services.written_request_record(case=case, data=services.RequestData(**form.cleaned_data), now=now)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("C'est noté. Voici les dates de votre demande écrite."))
            return redirect(case_url)
    kind = recorded.kind if recorded else services.request_kind_for(case)
    context = {
        "case": case,
        "form": form,
        "recorded": recorded,
        "case_url": case_url,
        "asks_deletion": kind == RequestKind.CLOSURE,
    }
    return render(request, "optout/case_request.html", context)


#: What happened to the request, for the complaint's wording (not stored).
NO_ANSWER, REFUSAL, UNSATISFYING = "none", "refusal", "unsatisfying"


def _complaint_context(row=None) -> dict:
    """The complaint's variants (what was asked, for whom, what happened) and what we already know.

    Someone helping another adult complains for them, with their mandate (Relation.ADULT, Relation.HELPED)."""
    who = row.who if row is not None else None
    mandate_url = reverse("case_complaint_mandate", args=[row.case.pk]) if row else reverse("complaint_mandate")
    context = {
        "kinds": RequestKind.choices,
        "relations": [(value, label) for value, label in Relation.choices if value in VOICES]
        + [(Relation.ADULT, _("un proche majeur, qui me donne mandat"))],
        "for_another": request_words.complaint_for_another(who),
        "mandate_url": mandate_url,
        "mandate_to_attach": request_words.mandate_to_attach(who, mandate_url),
        # The builder asks for the name of the person complained for when they may be another adult.
        "asks_person_name": row is None or row.who.is_adult,
        "asks_representative": row is None or row.person.relation == Relation.REPRESENTED,
        "outcomes": [
            (NO_ANSWER, _("pas de réponse dans le délai")),
            (REFUSAL, _("un refus")),
            (UNSATISFYING, _("une réponse qui ne règle pas ma demande")),
        ],
        "outcome": NO_ANSWER,
        "sources": sources(*COMPLAINT_SOURCES),
        "row": row,
    }
    if row is not None:
        recorded, dates = row.written_request, row.request_dates
        context["kind"] = recorded.kind if recorded else services.request_kind_for(row.case)
        # Another adult who acts themself (of the household, or a relative you help): complained for, with a mandate.
        context["relation"] = Relation.ADULT if row.who.is_adult else row.person.relation
        context["dates"] = dates
        context["deletions"] = row.deletion_requests
        if dates is not None and dates.answered:
            context["outcome"] = REFUSAL
    return context


@require_safe
def complaint(request):
    """The CNIL: when a complaint is possible, what to attach, where to send it; its text built in the browser."""
    return render(request, "pages/complaint.html", _complaint_context())


@login_required
@require_safe
def case_complaint(request, case_id):
    detail = selectors.case_detail_for(user=request.user, case_id=case_id, now=timezone.now())
    return render(request, "pages/complaint.html", _complaint_context(detail.row))


def _mandate_context(kind: str | None, row=None) -> dict:
    return {"kind": kind, "kinds": RequestKind.choices, "row": row, "sources": sources(*MANDATE_SOURCES)}


@require_safe
def complaint_mandate(request):
    """The mandate someone signs so that a relative can complain to the CNIL for them, built in the browser."""
    return render(request, "pages/complaint_mandate.html", _mandate_context(None))


@login_required
@require_safe
def case_complaint_mandate(request, case_id):
    """The mandate for a case: what was asked comes from the case."""
    detail = selectors.case_detail_for(user=request.user, case_id=case_id, now=timezone.now())
    recorded = detail.row.written_request
    kind = recorded.kind if recorded else services.request_kind_for(detail.row.case)
    return render(request, "pages/complaint_mandate.html", _mandate_context(kind, detail.row))


@login_required
@require_safe
def case_timeline(request, case_id):
    """Everything that happened on a case, with its dates, to print and attach to a complaint."""
    detail = selectors.case_detail_for(user=request.user, case_id=case_id, now=timezone.now())
    return render(request, "optout/case_timeline.html", {"detail": detail, "row": detail.row})
