import webob.dec


@webob.dec.wsgify
def versions(req):
    return webob.Response(json_body={'versions': [{'id': 'v1.0', 'status': 'CURRENT'}]})


def app_factory(global_conf, **local_conf):
    return versions
