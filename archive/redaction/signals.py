"""Later stages react to redaction without this app importing them (data flows one way)."""

from django.dispatch import Signal

# Sent inside the deciding transaction when spans already saved become accepted (a bulk
# decision saves no model, so post_save does not see it). Arguments: interview_id.
spans_accepted = Signal()
