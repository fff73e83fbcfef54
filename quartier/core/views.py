"""Log in and out with German pages in the site's look."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm

from quartier.core.forms import KernFormMixin


class LoginForm(KernFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Benutzername oder Passwort stimmen nicht. Bitte versuchen Sie es erneut.",
        "inactive": "Dieses Benutzerkonto ist gesperrt.",
    }


login = auth_views.LoginView.as_view(
    template_name="registration/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)
logout = auth_views.LogoutView.as_view()
