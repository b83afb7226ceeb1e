"""The *Check a message* form: the text a person wrote and its language."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

__all__ = ["MAX_CHECK_CHARS", "CheckMessageForm", "oversized_form"]

# One delay message, with room to spare (the longest in the checker's corpus is ~4,000
# characters); the page marks every character, so a whole mailbox pasted in is refused.
MAX_CHECK_CHARS = 20_000


class CheckMessageForm(forms.Form):
    # No max_length: it would add a maxlength attribute, and a browser cuts a longer paste
    # without a word. The limit is checked here and said in a sentence instead.
    text = forms.CharField(
        label=_("Your message"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Plain text or HTML, in Spanish or English. Nothing is stored or sent."),
    )
    lang = forms.ChoiceField(
        label=_("Language of the message"),
        choices=[("auto", _("Detect it")), ("es", _("Spanish")), ("en", _("English"))],
        initial="auto",
    )

    def clean_text(self) -> str:
        # Browsers send a textarea's line breaks as CRLF; the checker's offsets are then into
        # the text as written.
        text: str = self.cleaned_data["text"].replace("\r\n", "\n")
        if len(text) > MAX_CHECK_CHARS:
            raise forms.ValidationError(
                _(
                    "The message is too long to check: %(length)s characters, at most "
                    "%(limit)s. Check one message at a time."
                ),
                code="too_long",
                params={
                    "length": number_format(len(text), force_grouping=True),
                    "limit": number_format(MAX_CHECK_CHARS, force_grouping=True),
                },
            )
        return text


def oversized_form(limit_bytes: int) -> CheckMessageForm:
    """The form after a paste larger than the server reads (``limit_bytes``): empty, since
    nothing of it was read, with the text field's error saying the limits."""
    form = CheckMessageForm({"text": "", "lang": "auto"})
    form.full_clean()
    form.errors["text"] = form.error_class(
        [
            _(
                "The message is too large to check: more than %(size)s were sent, and nothing "
                "of it was read. A message can have at most %(limit)s characters. Check one "
                "message at a time."
            )
            % {
                "size": filesizeformat(limit_bytes),
                "limit": number_format(MAX_CHECK_CHARS, force_grouping=True),
            }
        ]
    )
    return form
