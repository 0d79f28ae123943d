#!/bin/bash
# devstack/plugin.sh: install, configure and start quokka

function install_quokka {
    setup_develop $QUOKKA_DIR
    if [[ "$QUOKKA_USE_MOD_WSGI" == "True" ]]; then
        install_apache_wsgi
    fi
}

function configure_quokka {
    sudo install -d -o $STACK_USER $QUOKKA_CONF_DIR
    iniset $QUOKKA_CONF DEFAULT bind_port $QUOKKA_SERVICE_PORT
    if [[ "$QUOKKA_USE_MOD_WSGI" == "True" ]]; then
        local site
        site=$(apache_site_config_for quokka-api)
        sudo cp $QUOKKA_DIR/devstack/files/apache-quokka-api.template $site
        sudo sed -e "s|%PUBLICPORT%|$QUOKKA_SERVICE_PORT|g" -i $site
        enable_apache_site quokka-api
    fi
}

function start_quokka {
    if [[ "$QUOKKA_USE_MOD_WSGI" == "True" ]]; then
        restart_apache_server
    else
        run_process quokka-api "$QUOKKA_BIN_DIR/quokka-api --config-file $QUOKKA_CONF"
    fi
    run_process quokka-engine "$QUOKKA_BIN_DIR/quokka-engine --config-file $QUOKKA_CONF"
    if ! wait_for_service $SERVICE_TIMEOUT $SERVICE_PROTOCOL://$SERVICE_HOST:$QUOKKA_SERVICE_PORT; then
        die $LINENO "quokka-api did not start"
    fi
}

if is_service_enabled quokka-api; then
    if [[ "$1" == "stack" && "$2" == "install" ]]; then
        install_quokka
    elif [[ "$1" == "stack" && "$2" == "post-config" ]]; then
        configure_quokka
    elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
        start_quokka
    fi
    if [[ "$1" == "unstack" ]]; then
        stop_process quokka-api
    fi
fi
