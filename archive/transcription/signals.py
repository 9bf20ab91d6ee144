"""Later stages react to transcripts without this app importing them (data flows one way)."""

from django.dispatch import Signal

# Sent inside the saving transaction whenever a complete transcript gains a revision: a machine
# run finishing, or an editor's save. Arguments: transcript, revision, user.
transcript_revised = Signal()
