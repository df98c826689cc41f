"""The portal's models live in `models_services.py` and `models_residents.py`; Django finds them through here."""

from servicefirst.portal.models_residents import SignInLinkUse as SignInLinkUse
