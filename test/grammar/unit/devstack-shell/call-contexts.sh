# SYNTAX TEST "source.shell" "devstack functions in every command position"
#!/bin/bash

is_service_enabled tls-proxy && start_tls_proxy foo '*' 8080 localhost 18080
# <------------------ support.function.devstack.shell
#                               ^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
is_service_enabled foo-api || disable_service foo-api
#                             ^^^^^^^^^^^^^^^ support.function.devstack.shell
stop_process foo-api; stop_process foo-worker
# <------------ support.function.devstack.deploy.shell
#                     ^^^^^^^^^^^^ support.function.devstack.deploy.shell
#                                  ^^^^^^^^^^ meta.argument.shell
if ! is_service_enabled foo-api; then enable_service foo-api; fi
#    ^^^^^^^^^^^^^^^^^^ support.function.devstack.shell
#                                     ^^^^^^^^^^^^^^ support.function.devstack.shell
if [[ -n $FOO ]]; then :; elif is_service_enabled foo; then :; else restart_apache_server; fi
#                              ^^^^^^^^^^^^^^^^^^ support.function.devstack.shell
#                                                                   ^^^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
while is_service_enabled foo; do stop_process foo; done
#     ^^^^^^^^^^^^^^^^^^ support.function.devstack.shell
#                                ^^^^^^^^^^^^ support.function.devstack.deploy.shell
until is_service_enabled foo; do enable_service foo; done
#     ^^^^^^^^^^^^^^^^^^ support.function.devstack.shell
#                                ^^^^^^^^^^^^^^ support.function.devstack.shell
{ stop_process foo; }
# ^^^^^^^^^^^^ support.function.devstack.deploy.shell
( run_process foo "$FOO_BIN" )
# ^^^^^^^^^^^ support.function.devstack.deploy.shell
if [[ "$(trueorfalse False FOO_TLS)" == "True" ]]; then
#        ^^^^^^^^^^^ string.quoted.double.shell meta.scope.subshell meta.statement.command.name.shell entity.name.function.call.shell entity.name.command.shell support.function.devstack.shell
    FOO_SITE=`apache_site_config_for foo`
#             ^^^^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
fi

# Arguments continued on the next line stay arguments of the call.
write_uwsgi_config "$FOO_UWSGI_CONF" "$FOO_UWSGI" \
# <------------------ support.function.devstack.deploy.shell
#                                                 ^ constant.character.escape.line-continuation.shell
    "/foo" "" "foo-api"
#   ^^^^^^ meta.statement.command.shell meta.argument.shell string.quoted.double.shell - entity.name.command.shell
iniset $FOO_CONF DEFAULT debug True  # a trailing comment
# <------ support.function.devstack.shell
#                                    ^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - meta.statement.command.shell
