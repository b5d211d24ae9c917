"""enrollment-svc's settings: the platform's plus the SMTP server of the notifier (`EPI_SMTP_HOST`,
`EPI_SMTP_PORT`, `EPI_MAIL_FROM`) and the web client's address for the links in the e-mails."""
from __future__ import annotations

from epimorfosi_platform.mail import MailSettings


class EnrollmentSettings(MailSettings):
    web_url: str = ""  # EPI_WEB_URL: the web client, named in the e-mails (empty: no link)
