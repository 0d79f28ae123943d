# SYNTAX TEST "source.shell" "devstack deployment functions called as commands"
#!/bin/bash
# A plugin.sh-like file: every deployment function of devstack, called as a command.

function configure_foo {
    write_uwsgi_config "$FOO_UWSGI_CONF" "$FOO_UWSGI" "/foo" "" "foo-api"
#   ^^^^^^^^^^^^^^^^^^ meta.statement.command.name.shell entity.name.function.call.shell entity.name.command.shell support.function.devstack.deploy.shell
#                      ^^^^^^^^^^^^^^^^^ meta.statement.command.shell meta.argument.shell string.quoted.double.shell - support.function.devstack.deploy.shell
    write_local_uwsgi_http_config "$FOO_UWSGI_CONF" "$FOO_UWSGI" "/foo" "foo-api"
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
    write_local_proxy_http_config foo "http://$FOO_HOST:$FOO_PORT" "/foo"
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
}

function cleanup_foo {
    remove_uwsgi_config "$FOO_UWSGI_CONF" "foo-api"
#   ^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
}

function start_foo {
    run_process foo-api "$(which uwsgi) --procname-prefix foo-api --ini $FOO_UWSGI_CONF"
#   ^^^^^^^^^^^ meta.statement.shell meta.statement.command.shell meta.statement.command.name.shell entity.name.function.call.shell entity.name.command.shell support.function.devstack.deploy.shell
#               ^^^^^^^ meta.statement.command.shell meta.argument.shell string.unquoted.argument.shell
#                          ^^^^^ support.function.builtin.shell - support.function.devstack.deploy.shell
    run_process foo-worker "$FOO_BIN_DIR/foo-worker --config-file $FOO_CONF"
#   ^^^^^^^^^^^ support.function.devstack.deploy.shell
    screen_it foo-api "cd $FOO_DIR && $FOO_BIN_DIR/foo-api"
#   ^^^^^^^^^ support.function.devstack.deploy.shell
    start_tls_proxy foo '*' $FOO_SERVICE_PORT $FOO_SERVICE_HOST $FOO_SERVICE_PORT_INT
#   ^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
#                       ^^^ string.quoted.single.shell
}

function stop_foo {
    stop_process foo-api
#   ^^^^^^^^^^^^ support.function.devstack.deploy.shell
#                ^^^^^^^ meta.statement.command.shell meta.argument.shell
}

function configure_foo_mod_wsgi {
    install_apache_wsgi
#   ^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
    install_apache_uwsgi
#   ^^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
    local site_file=$(apache_site_config_for foo-api)
#                     ^^^^^^^^^^^^^^^^^^^^^^ meta.scope.subshell meta.statement.command.name.shell entity.name.function.call.shell entity.name.command.shell support.function.devstack.deploy.shell
    enable_apache_site foo-api
#   ^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
    disable_apache_site foo-api
#   ^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
    enable_apache_mod proxy_uwsgi
#   ^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
    restart_apache_server
#   ^^^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
}
