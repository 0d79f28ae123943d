# SYNTAX TEST "source.shell" "devstack helper functions called as commands"
#!/bin/bash
# devstack/settings and plugin.sh helpers (not deployment): support.function.devstack.shell

define_plugin foo
# <------------- meta.statement.command.name.shell entity.name.function.call.shell entity.name.command.shell support.function.devstack.shell
#             ^^^ meta.statement.command.shell meta.argument.shell
plugin_requires foo bar
# <--------------- support.function.devstack.shell
enable_service foo-api foo-worker
# <-------------- support.function.devstack.shell - support.function.devstack.deploy.shell
disable_service n-net
# <--------------- support.function.devstack.shell
enable_plugin bar https://opendev.org/openstack/bar master
# <------------- support.function.devstack.shell
FOO_USE_UWSGI=$(trueorfalse True FOO_USE_UWSGI)
#               ^^^^^^^^^^^ meta.expression.assignment.shell meta.scope.subshell meta.statement.command.name.shell entity.name.function.call.shell entity.name.command.shell support.function.devstack.shell
#                           ^^^^ meta.scope.subshell meta.statement.command.shell meta.argument.shell

if is_service_enabled foo-api; then
#  ^^^^^^^^^^^^^^^^^^ meta.scope.if-block.shell meta.statement.command.name.shell entity.name.function.call.shell entity.name.command.shell support.function.devstack.shell
    setup_develop $FOO_DIR
#   ^^^^^^^^^^^^^ support.function.devstack.shell
    iniset $FOO_CONF DEFAULT debug $ENABLE_DEBUG_LOG_LEVEL
#   ^^^^^^ support.function.devstack.shell
#                    ^^^^^^^ meta.statement.command.shell meta.argument.shell string.unquoted.argument.shell
#          ^ punctuation.definition.variable.shell
    inicomment $FOO_CONF DEFAULT log_file
#   ^^^^^^^^^^ support.function.devstack.shell
    get_or_create_service "foo" "foo-service" "Foo Service"
#   ^^^^^^^^^^^^^^^^^^^^^ support.function.devstack.shell
    get_or_create_endpoint "foo-service" "$REGION_NAME" \
        "$SERVICE_PROTOCOL://$SERVICE_HOST/foo"
    wait_for_service $SERVICE_TIMEOUT $SERVICE_PROTOCOL://$SERVICE_HOST/foo
#   ^^^^^^^^^^^^^^^^ support.function.devstack.shell
fi
