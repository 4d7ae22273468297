"""A call's application form keeps revisions (finest.core.revisions), with its sections and criteria.
Applications themselves are applicants' data, not content, and keep none."""

from finest.core.revisions import register

from .models import CallForm, FormSection

register(FormSection, follow=("questions",))
register(CallForm, follow=("sections", "criteria"))
