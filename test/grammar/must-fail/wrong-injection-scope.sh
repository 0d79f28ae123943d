# SYNTAX TEST "source.shell" "MUST FAIL: run_process is a deployment function, not a plain helper"
run_process foo-api "$(which uwsgi) --ini $FOO_UWSGI_CONF"
# <----------- support.function.devstack.shell
