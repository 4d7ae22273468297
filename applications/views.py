"""The applicant's pages (reached through the private link), the reviewers' pages and
the staff's ranking. Each view parses a form, asks the policy, calls a service and
renders; a bad link or another person's URL is a 404."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from finest.core.permissions import Actor
from finest.ops.admin_site import two_factor_needed
from living_lab.models import OpenCall

from . import links, permissions, selectors, services
from .forms import ApplicationForm, ConflictForm, DecisionForm, ScoreForm, StartForm
from .models import Application, Attachment, CallForm, ReviewAssignment

LOGIN_URL = reverse_lazy("applications:login")
# Map the services' field names onto the form's.
FIELD_ALIASES = {"attachments": "new_attachments"}


def add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        field = FIELD_ALIASES.get(field, field)
        form.add_error(field if field in form.fields else None, messages)


def _open_call_form(call_id: int) -> tuple[OpenCall, CallForm]:
    call = get_object_or_404(OpenCall.objects.published(), pk=call_id)
    call_form = services.form_of(call)
    if call_form is None:
        raise Http404
    return call, call_form


def start(request, call_id: int):
    """Ask for the applicant's email; the private link goes there."""
    call, call_form = _open_call_form(call_id)
    is_open = permissions.call_is_open(call)
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_start(
                call=call, email=form.cleaned_data["email"], language=get_language(), actor=Actor.anonymous(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return render(request, "applications/link_sent.html", {"call": call, "email": form.cleaned_data["email"]})
    status = 400 if request.method == "POST" else 200
    context = {"call": call, "call_form": call_form, "form": form, "is_open": is_open}
    return render(request, "applications/start.html", context, status=status)


def with_application(view):
    """Resolve the private link; a forged, altered or stale one gets a clear page."""

    @wraps(view)
    def wrapper(request, token: str, **kwargs):
        public_id = links.public_id_from_token(token)
        application = Application.objects.select_related("call").filter(public_id=public_id).first() if public_id else None
        if application is None:
            return render(request, "applications/invalid_link.html", status=404)
        return view(request, application, token, **kwargs)

    return wrapper


def _edit_context(application: Application, call_form: CallForm, form, token: str) -> dict:
    sections = list(call_form.sections.prefetch_related("questions"))
    return {
        "application": application,
        "call": application.call,
        "call_form": call_form,
        "form": form,
        "question_sections": form.section_fields(sections) if form is not None else [],
        "sections": selectors.answered_questions(application),
        "attachments": list(application.attachments.all()),
        "token": token,
        "is_open": permissions.call_is_open(application.call),
    }


def _build_form(application: Application, call_form: CallForm, data=None, files=None) -> ApplicationForm:
    questions = [q for section in call_form.sections.prefetch_related("questions") for q in section.questions.all()]
    initial = {
        "language": application.language or get_language(),
        "company_name": application.company_name, "business_id": application.business_id,
        "company_country": application.company_country, "contact_name": application.contact_name,
        "title": application.title, "summary": application.summary, "requested_grant": application.requested_grant,
        "cities": list(application.cities.values_list("pk", flat=True)),
        **{f"q_{key}": value for key, value in application.answers.items()},
    }
    return ApplicationForm(
        data, files, initial=initial, call_form=call_form, questions=questions, attachments=list(application.attachments.all()),
    )


def _keep_attachments(request, application: Application, form: ApplicationForm, actor: Actor) -> None:
    """Uploads are kept at once, before any other check, so that a later error does not
    lose them; removals too."""
    for pk in request.POST.getlist("remove_attachments"):
        attachment = application.attachments.filter(pk=pk).first() if pk.isdigit() else None
        if attachment is not None:
            services.attachment_remove(attachment=attachment, actor=actor)
    for upload in request.FILES.getlist("new_attachments"):
        try:
            services.attachment_add(application=application, upload=upload, actor=actor)
        except ValidationError as error:
            form.add_error("new_attachments", [f"{upload.name}: {message}" for message in error.messages])


def _save(request, application: Application, call_form: CallForm, actor: Actor) -> ApplicationForm | None:
    """The bound form when something needs the applicant's attention, else None."""
    form = _build_form(application, call_form, request.POST, request.FILES)
    valid = form.is_valid()
    _keep_attachments(request, application, form, actor)
    if not valid:
        return form
    data = services.ApplicationData(
        language=form.cleaned_data["language"], company_name=form.cleaned_data["company_name"],
        business_id=form.cleaned_data["business_id"], company_country=form.cleaned_data["company_country"],
        contact_name=form.cleaned_data["contact_name"], title=form.cleaned_data["title"],
        summary=form.cleaned_data["summary"], requested_grant=form.cleaned_data["requested_grant"],
        city_ids=[city.pk for city in form.cleaned_data["cities"]], answers=form.answers(),
    )
    try:
        services.application_save(application=application, data=data, submit="submit" in request.POST, actor=actor)
    except ValidationError as error:
        add_errors(form, error)
    return form if form.errors else None


@with_application
def edit(request, application: Application, token: str):
    """The applicant's own page: the form while the call is open, a read-only copy after."""
    actor = permissions.applicant_actor(application)
    services.application_confirm_email(application=application, actor=actor)
    call_form = CallForm.objects.filter(call=application.call).first()
    if call_form is None:
        raise Http404
    if not permissions.can_edit(actor, application):
        context = _edit_context(application, call_form, None, token)
        context["refused"] = request.method == "POST"
        return render(request, "applications/frozen.html", context, status=400 if request.method == "POST" else 200)
    form = None
    if request.method == "POST":
        form = _save(request, application, call_form, actor)
        if form is None:
            application.refresh_from_db()
            done = "submitted" if "submit" in request.POST else "saved"
            return redirect(f"{links.private_path(application, get_language())}?done={done}")
    application.refresh_from_db()
    if form is None:
        form = _build_form(application, call_form)
    context = _edit_context(application, call_form, form, token)
    context["done"] = request.GET.get("done") if request.method == "GET" else None
    return render(request, "applications/edit.html", context, status=400 if form.errors else 200)


@with_application
def withdraw(request, application: Application, token: str):
    actor = permissions.applicant_actor(application)
    error = None
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            services.application_withdraw(application=application, actor=actor)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return render(request, "applications/withdrawn.html", {"call": application.call})
    return render(request, "applications/withdraw.html", {"application": application, "token": token, "error": error})


def _file_response(attachment: Attachment) -> FileResponse:
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name, content_type="application/pdf",
    )
    # Never rendered inline, never sniffed into something else, never kept by a shared cache.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


@with_application
def applicant_file(request, application: Application, token: str, pk: int):
    attachment = get_object_or_404(Attachment, pk=pk, application=application)
    return _file_response(attachment)


@login_required(login_url=LOGIN_URL)
def review_file(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("application__call"), pk=pk)
    if not permissions.can_view(Actor.from_user(request.user), attachment.application):
        raise Http404
    return _file_response(attachment)


class LoginView(auth_views.LoginView):
    template_name = "applications/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("applications:review-list")


@login_required(login_url=LOGIN_URL)
def review_list(request):
    actor = Actor.from_user(request.user)
    assignments = ReviewAssignment.objects.none()
    if permissions.is_reviewer(actor):
        assignments = ReviewAssignment.objects.filter(reviewer=request.user, conflict_declared=False).select_related("application__call")
    calls = OpenCall.objects.filter(application_form__isnull=False).order_by("-deadline") if permissions.can_manage(actor) else []
    return render(request, "applications/review_list.html", {"assignments": assignments, "calls": calls})


def _own_assignment(request, pk: int) -> ReviewAssignment:
    assignment = ReviewAssignment.objects.select_related("application__call").filter(pk=pk, reviewer=request.user).first()
    if assignment is None or not permissions.can_view(Actor.from_user(request.user), assignment.application):
        raise Http404
    return assignment


@login_required(login_url=LOGIN_URL)
def review_detail(request, pk: int):
    assignment = _own_assignment(request, pk)
    actor = Actor.from_user(request.user)
    application = assignment.application
    call_form = CallForm.objects.get(call=application.call)
    criteria = list(call_form.criteria.all())
    initial = {}
    for score in assignment.scores.all():
        initial[f"score_{score.criterion_id}"] = score.value
        initial[f"comment_{score.criterion_id}"] = score.comment
    score_form = ScoreForm(
        request.POST if "score" in request.POST else None, initial=initial, criteria=criteria, score_max=call_form.score_max,
    )
    conflict_form = ConflictForm(request.POST if "conflict" in request.POST else None)
    if request.method == "POST":
        try:
            if "conflict" in request.POST and conflict_form.is_valid():
                services.review_declare_conflict(assignment=assignment, note=conflict_form.cleaned_data["note"], actor=actor)
                return redirect("applications:review-list")
            if "score" in request.POST and score_form.is_valid():
                services.review_submit(assignment=assignment, scores=score_form.scores(), actor=actor)
                return redirect("applications:review-detail", pk=assignment.pk)
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            add_errors(score_form, error)
    others = []
    if permissions.can_see_all_scores(actor, application):
        others = ReviewAssignment.objects.filter(application=application, submitted_at__isnull=False, conflict_declared=False).exclude(
            pk=assignment.pk,
        ).select_related("reviewer").prefetch_related("scores__criterion")
    return render(request, "applications/review_detail.html", {
        **selectors.summary_context(application),
        "assignment": assignment, "score_form": score_form, "conflict_form": conflict_form,
        "can_review": permissions.can_review(actor, assignment), "others": others, "call_form": call_form,
    }, status=400 if request.method == "POST" else 200)


def _staff_call(request, call_id: int) -> OpenCall:
    if not permissions.can_manage(Actor.from_user(request.user)):
        raise Http404
    # Deciding is an admin power: it asks for the same second factor as the admin.
    if two_factor_needed(request.user) and not request.user.is_verified():
        raise PermissionDenied
    return get_object_or_404(OpenCall.objects.filter(application_form__isnull=False), pk=call_id)


@login_required(login_url=LOGIN_URL)
def ranking(request, call_id: int):
    call = _staff_call(request, call_id)
    rows = selectors.call_ranking(call)
    for row in rows:
        row.form = DecisionForm(prefix=str(row.application.pk), initial={
            "decision": row.application.decision, "share_comments": row.application.share_comments,
        })
    return render(request, "applications/ranking.html", {
        "call": call, "rows": rows, "is_open": permissions.call_is_open(call), "error": request.GET.get("error"),
    })


@require_POST
@login_required(login_url=LOGIN_URL)
def decide(request, call_id: int, pk: int):
    call = _staff_call(request, call_id)
    application = get_object_or_404(Application.objects.for_call(call), pk=pk)
    actor = Actor.from_user(request.user)
    form = DecisionForm(request.POST, prefix=str(pk))
    target = reverse("applications:ranking", kwargs={"call_id": call.pk})
    try:
        if "make_pilot" in request.POST:
            services.application_make_pilot(application=application, actor=actor)
        elif form.is_valid():
            services.application_decide(
                application=application, decision=form.cleaned_data["decision"],
                share_comments=form.cleaned_data["share_comments"], actor=actor,
            )
    except ValidationError as error:
        return render(request, "applications/ranking.html", {
            "call": call, "rows": [], "is_open": permissions.call_is_open(call), "error": " ".join(error.messages),
            "back": target,
        }, status=400)
    return redirect(f"{target}#application-{application.pk}")
