# SYNTAX TEST "source.shell" "devstack function names that are not calls stay plain"
# write_uwsgi_config foo bar
# ^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'write_uwsgi_config foo bar'
#         ^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='write_uwsgi_config'; write_uwsgi_config foo
#  ^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                       ^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
# write_local_uwsgi_http_config foo bar
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'write_local_uwsgi_http_config foo bar'
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='write_local_uwsgi_http_config'; write_local_uwsgi_http_config foo
#  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
# write_local_proxy_http_config foo bar
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'write_local_proxy_http_config foo bar'
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='write_local_proxy_http_config'; write_local_proxy_http_config foo
#  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
# remove_uwsgi_config foo bar
# ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'remove_uwsgi_config foo bar'
#         ^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='remove_uwsgi_config'; remove_uwsgi_config foo
#  ^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                        ^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
# run_process foo bar
# ^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'run_process foo bar'
#         ^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='run_process'; run_process foo
#  ^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                ^^^^^^^^^^^ support.function.devstack.deploy.shell
# stop_process foo bar
# ^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'stop_process foo bar'
#         ^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='stop_process'; stop_process foo
#  ^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                 ^^^^^^^^^^^^ support.function.devstack.deploy.shell
# install_apache_wsgi foo bar
# ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'install_apache_wsgi foo bar'
#         ^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='install_apache_wsgi'; install_apache_wsgi foo
#  ^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                        ^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
# install_apache_uwsgi foo bar
# ^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'install_apache_uwsgi foo bar'
#         ^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='install_apache_uwsgi'; install_apache_uwsgi foo
#  ^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                         ^^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
# enable_apache_site foo bar
# ^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'enable_apache_site foo bar'
#         ^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='enable_apache_site'; enable_apache_site foo
#  ^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                       ^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
# disable_apache_site foo bar
# ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'disable_apache_site foo bar'
#         ^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='disable_apache_site'; disable_apache_site foo
#  ^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                        ^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
# apache_site_config_for foo bar
# ^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'apache_site_config_for foo bar'
#         ^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='apache_site_config_for'; apache_site_config_for foo
#  ^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                           ^^^^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
# restart_apache_server foo bar
# ^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'restart_apache_server foo bar'
#         ^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='restart_apache_server'; restart_apache_server foo
#  ^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                          ^^^^^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
# enable_apache_mod foo bar
# ^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'enable_apache_mod foo bar'
#         ^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='enable_apache_mod'; enable_apache_mod foo
#  ^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                      ^^^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
# screen_it foo bar
# ^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'screen_it foo bar'
#         ^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='screen_it'; screen_it foo
#  ^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#              ^^^^^^^^^ support.function.devstack.deploy.shell
# start_tls_proxy foo bar
# ^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'start_tls_proxy foo bar'
#         ^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='start_tls_proxy'; start_tls_proxy foo
#  ^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                    ^^^^^^^^^^^^^^^ support.function.devstack.deploy.shell
# iniset foo bar
# ^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'iniset foo bar'
#         ^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='iniset'; iniset foo
#  ^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#           ^^^^^^ support.function.devstack.shell
# inicomment foo bar
# ^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'inicomment foo bar'
#         ^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='inicomment'; inicomment foo
#  ^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#               ^^^^^^^^^^ support.function.devstack.shell
# get_or_create_endpoint foo bar
# ^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'get_or_create_endpoint foo bar'
#         ^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='get_or_create_endpoint'; get_or_create_endpoint foo
#  ^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                           ^^^^^^^^^^^^^^^^^^^^^^ support.function.devstack.shell
# get_or_create_service foo bar
# ^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'get_or_create_service foo bar'
#         ^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='get_or_create_service'; get_or_create_service foo
#  ^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                          ^^^^^^^^^^^^^^^^^^^^^ support.function.devstack.shell
# wait_for_service foo bar
# ^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'wait_for_service foo bar'
#         ^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='wait_for_service'; wait_for_service foo
#  ^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                     ^^^^^^^^^^^^^^^^ support.function.devstack.shell
# enable_service foo bar
# ^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'enable_service foo bar'
#         ^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='enable_service'; enable_service foo
#  ^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                   ^^^^^^^^^^^^^^ support.function.devstack.shell
# disable_service foo bar
# ^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'disable_service foo bar'
#         ^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='disable_service'; disable_service foo
#  ^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                    ^^^^^^^^^^^^^^^ support.function.devstack.shell
# is_service_enabled foo bar
# ^^^^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'is_service_enabled foo bar'
#         ^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='is_service_enabled'; is_service_enabled foo
#  ^^^^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                       ^^^^^^^^^^^^^^^^^^ support.function.devstack.shell
# define_plugin foo bar
# ^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'define_plugin foo bar'
#         ^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='define_plugin'; define_plugin foo
#  ^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                  ^^^^^^^^^^^^^ support.function.devstack.shell
# plugin_requires foo bar
# ^^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'plugin_requires foo bar'
#         ^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='plugin_requires'; plugin_requires foo
#  ^^^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                    ^^^^^^^^^^^^^^^ support.function.devstack.shell
# enable_plugin foo bar
# ^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'enable_plugin foo bar'
#         ^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='enable_plugin'; enable_plugin foo
#  ^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                  ^^^^^^^^^^^^^ support.function.devstack.shell
# trueorfalse foo bar
# ^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'trueorfalse foo bar'
#         ^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='trueorfalse'; trueorfalse foo
#  ^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                ^^^^^^^^^^^ support.function.devstack.shell
# setup_develop foo bar
# ^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    echo 'setup_develop foo bar'
#         ^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
x='setup_develop'; setup_develop foo
#  ^^^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
#                  ^^^^^^^^^^^^^ support.function.devstack.shell

#!/bin/bash
# Comments, single-quoted strings, arguments, definitions and longer names are left alone.

# run_process foo-api "$(which uwsgi)"
# ^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    # iniset $FOO_CONF DEFAULT debug True
#     ^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
echo done  # enable_service foo
#            ^^^^^^^^^^^^^^ comment.line.number-sign.shell - support.function.devstack.deploy.shell support.function.devstack.shell
echo 'run_process foo-api'
#     ^^^^^^^^^^^ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
echo 'first line of a single-quoted string
#     ^^^^^ string.quoted.single.shell
iniset $FOO_CONF DEFAULT debug True'
# <------ string.quoted.single.shell - support.function.devstack.deploy.shell support.function.devstack.shell
echo "write_uwsgi_config is a devstack function"
#     ^^^^^^^^^^^^^^^^^^ string.quoted.double.shell - support.function.devstack.deploy.shell support.function.devstack.shell
echo run_process
#    ^^^^^^^^^^^ meta.argument.shell - support.function.devstack.deploy.shell support.function.devstack.shell
sudo enable_apache_site foo
#    ^^^^^^^^^^^^^^^^^^ meta.argument.shell - support.function.devstack.deploy.shell support.function.devstack.shell
iniset_rpc_backend foo $FOO_CONF
# <------------------ entity.name.command.shell - support.function.devstack.deploy.shell support.function.devstack.shell
my_run_process foo-api
# <-------------- entity.name.command.shell - support.function.devstack.deploy.shell support.function.devstack.shell
run_process_all
# <--------------- entity.name.command.shell - support.function.devstack.deploy.shell support.function.devstack.shell
run_process=1
# <----------- variable.other.assignment.shell - support.function.devstack.deploy.shell support.function.devstack.shell
FOO_CMD=run_process
#       ^^^^^^^^^^^ - support.function.devstack.deploy.shell support.function.devstack.shell
echo "$iniset"
#      ^^^^^^ variable.other.normal.shell - support.function.devstack.deploy.shell support.function.devstack.shell

function run_process {
#        ^^^^^^^^^^^ entity.name.function.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    :
}
iniset() {
# <------ entity.name.function.shell - support.function.devstack.deploy.shell support.function.devstack.shell
    :
}

case "$1" in
    enable_service|disable_service)
#   ^^^^^^^^^^^^^^ - support.function.devstack.deploy.shell support.function.devstack.shell
#                  ^^^^^^^^^^^^^^^ - support.function.devstack.deploy.shell support.function.devstack.shell
        ;;
esac
