#!/bin/bash
#
# devstack/plugin.sh for a service "foo" whose API runs under uWSGI behind
# Apache, with the old mod_wsgi path kept as a branch. Sample written for the
# wsgi-goal grammar snapshot tests.

FOO_DIR=$DEST/foo
FOO_CONF_DIR=/etc/foo
FOO_CONF=$FOO_CONF_DIR/foo.conf
FOO_BIN_DIR=$(get_python_exec_prefix)
FOO_UWSGI=foo.wsgi.api:application
FOO_UWSGI_CONF=$FOO_CONF_DIR/foo-api-uwsgi.ini
FOO_USE_MOD_WSGI=$(trueorfalse False FOO_USE_MOD_WSGI)
FOO_SERVICE_PROTOCOL=${FOO_SERVICE_PROTOCOL:-$SERVICE_PROTOCOL}

function install_foo {
    git_clone $FOO_REPO $FOO_DIR $FOO_BRANCH
    setup_develop $FOO_DIR
    if [[ "$FOO_USE_MOD_WSGI" == "True" ]]; then
        install_apache_wsgi
    fi
}

function _config_foo_apache_wsgi {
    # Legacy: Apache mod_wsgi loads the generated foo-api-wsgi script
    local foo_apache_conf
    foo_apache_conf=$(apache_site_config_for foo-api)
    sudo cp $FOO_DIR/devstack/files/apache-foo-api.template $foo_apache_conf
    sudo sed -e "
        s|%PUBLICWSGI%|$FOO_BIN_DIR/foo-api-wsgi|g;
        s|%APIWORKERS%|$API_WORKERS|g;
        s|%USER%|$STACK_USER|g;
    " -i $foo_apache_conf
    enable_apache_site foo-api
}

function configure_foo {
    sudo install -d -o $STACK_USER $FOO_CONF_DIR
    iniset $FOO_CONF DEFAULT debug $ENABLE_DEBUG_LOG_LEVEL
    iniset $FOO_CONF database connection $(database_connection_url foo)
    inicomment $FOO_CONF DEFAULT log_file
    if [[ "$FOO_USE_MOD_WSGI" == "True" ]]; then
        _config_foo_apache_wsgi
    else
        write_uwsgi_config "$FOO_UWSGI_CONF" "$FOO_UWSGI" "/foo" "" "foo-api"
    fi
}

function create_foo_accounts {
    create_service_user "foo" "admin"
    get_or_create_service "foo" "foo-optimization" "Foo Service"
    get_or_create_endpoint "foo-optimization" \
        "$REGION_NAME" \
        "$FOO_SERVICE_PROTOCOL://$SERVICE_HOST/foo"
}

function start_foo {
    if [[ "$FOO_USE_MOD_WSGI" == "True" ]]; then
        restart_apache_server
    else
        run_process foo-api "$(which uwsgi) --procname-prefix foo-api --ini $FOO_UWSGI_CONF"
    fi
    run_process foo-engine "$FOO_BIN_DIR/foo-engine --config-file $FOO_CONF"
    if ! wait_for_service $SERVICE_TIMEOUT $FOO_SERVICE_PROTOCOL://$SERVICE_HOST/foo; then
        die $LINENO "foo-api did not start"
    fi
}

function stop_foo {
    if [[ "$FOO_USE_MOD_WSGI" == "True" ]]; then
        disable_apache_site foo-api
        restart_apache_server
    else
        stop_process foo-api
    fi
    stop_process foo-engine
}

function cleanup_foo {
    remove_uwsgi_config "$FOO_UWSGI_CONF" "foo-api"
    # The mod_wsgi site, if an older run left one behind
    sudo rm -f $(apache_site_config_for foo-api)
}

if is_service_enabled foo-api foo-engine; then
    if [[ "$1" == "stack" && "$2" == "install" ]]; then
        echo_summary "Installing foo"
        install_foo
    elif [[ "$1" == "stack" && "$2" == "post-config" ]]; then
        echo_summary "Configuring foo"
        configure_foo
        if is_service_enabled key; then
            create_foo_accounts
        fi
    elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
        echo_summary "Starting foo"
        start_foo
    fi

    if [[ "$1" == "unstack" ]]; then
        stop_foo
    fi

    if [[ "$1" == "clean" ]]; then
        cleanup_foo
    fi
fi
