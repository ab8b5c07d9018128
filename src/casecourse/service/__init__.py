"""casecourse as an HTTP service (`casecourse serve`): the same reading as `casecourse analyze`, over HTTP.

Needs the `service` extra (FastAPI, uvicorn, python-multipart): `pip install 'casecourse[service]'`.
"""
