"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi:application`.

Access logs keep the method, status, timing and request id, but never the
secret tokens that some URLs carry (links from emails, calendar feeds,
allauth's keys), whether in the request line or in the Referer: every value
of every line goes through config.logging's one rule, and so does the error log.
"""

import os

from gunicorn.glogging import Logger

from config.logging import RedactSecrets, redact

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
accesslog = "-"
errorlog = "-"
# Who may tell gunicorn a request came over HTTPS: the proxy only, never "*" (docker-compose.yml
# sets the compose network). gunicorn must only be reachable through that proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No runtime control socket (gunicornc): nothing uses it, and two instances on one
# machine would share its default path.
control_socket_disable = True
# The combined log format, then the request id Django answered with (X-Request-ID).
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %({x-request-id}o)s'


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(RedactSecrets())

    def atoms(self, resp, req, environ, request_time):
        # The request line, the path, the Referer, every header: any of them may hold a token.
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: redact(value) if isinstance(value, str) else value for name, value in atoms.items()}


logger_class = RedactingLogger
