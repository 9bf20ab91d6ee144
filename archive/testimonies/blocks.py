from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "testimonies/blocks/pull_quote.html"


class PhotoBlock(blocks.StructBlock):
    """A photo of the linked interview, by its number there. Only its cleaned, redacted copy is
    ever shown, and only while consent covers photos: no block can point at an original or at
    an image file of its own."""

    photo_number = blocks.IntegerBlock(
        min_value=1, label=_("Photo number"), help_text=_("1 for the interview's first photo.")
    )
    caption = blocks.CharBlock(required=False)
    alt_text = blocks.CharBlock(label=_("Text alternative"), help_text=_("What the photo shows."))

    class Meta:
        icon = "image"
        template = "testimonies/blocks/photo.html"


class AudioExcerptBlock(blocks.StructBlock):
    """A moment of the testimony's own recording, by time, never a file of its own.

    It plays from the published (redacted) derivative of the linked interview's audio, so no
    block can point at an original.
    """

    start_seconds = blocks.FloatBlock(min_value=0, label=_("Starts at (seconds)"))
    end_seconds = blocks.FloatBlock(min_value=0, label=_("Ends at (seconds)"))
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "media"
        template = "testimonies/blocks/audio_excerpt.html"

    def clean(self, value):
        cleaned = super().clean(value)
        if cleaned["end_seconds"] <= cleaned["start_seconds"]:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "end_seconds": ValidationError(_("The excerpt must end after it starts."))
                }
            )
        return cleaned


class TestimonyBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    pull_quote = PullQuoteBlock()
    photo = PhotoBlock()
    audio_excerpt = AudioExcerptBlock()
