from django.shortcuts import render
from wagtail.admin.views.account import PasswordResetView

from .throttling import allow_password_reset


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form):
        if not allow_password_reset(self.request, form.cleaned_data.get("email")):
            return render(self.request, "accounts/reset_paused.html", status=429)
        return super().form_valid(form)
