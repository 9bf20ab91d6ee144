"""Later stages react to consent without this app importing them (data flows one way)."""

from django.dispatch import Signal

# Sent once, when a record first gains a withdrawal; arguments: consent, user.
consent_withdrawn = Signal()
