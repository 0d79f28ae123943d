"""Starter script for the Quokka API (an eventlet server)."""

import sys

from oslo_config import cfg
from oslo_log import log as logging
from oslo_service import service
from oslo_service import wsgi

CONF = cfg.CONF


def main():
    logging.register_options(CONF)
    CONF(sys.argv[1:], project='quokka')
    logging.setup(CONF, 'quokka')
    app = wsgi.Loader(CONF).load_app('quokka_api')
    server = wsgi.Server(CONF, 'quokka-api', app, host=CONF.bind_host, port=CONF.bind_port)
    launcher = service.launch(CONF, server)
    launcher.wait()
