"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi:application`.

Access logs keep the method, status and timing, but never the signed tokens
that some URLs carry (links from emails, calendar feeds).
"""

import os

from gunicorn.glogging import Logger

from config.logging import redact

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")


class RedactingLogger(Logger):
    def access(self, resp, req, environ, request_time):
        environ = dict(environ)
        for key in ("PATH_INFO", "RAW_URI", "REQUEST_URI"):
            if key in environ:
                environ[key] = redact(environ[key])
        req.path = redact(req.path)
        req.uri = redact(getattr(req, "uri", "") or "")
        super().access(resp, req, environ, request_time)


logger_class = RedactingLogger
