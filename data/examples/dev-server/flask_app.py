"""Development server with reload, Flask version.

Run from this folder:  flask --app flask_app run --debug
``--debug`` turns on the reloader (restart on save) and the interactive
debugger. (Older tutorials set an environment variable instead; Flask 2.3
removed it.)
"""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index() -> dict[str, object]:
    # app.debug is True only under --debug; the debugger it enables can run
    # arbitrary code, so production servers (gunicorn) never set it.
    return {"framework": "flask", "debug": app.debug}
