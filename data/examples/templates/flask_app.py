"""HTML templates, Flask version.

Jinja2 comes with Flask. ``render_template`` looks in the ``templates/``
folder beside this module and escapes values in ``.html`` templates.
"""
from flask import Flask, render_template

app = Flask(__name__)


@app.get("/hello/<name>")
def hello(name: str) -> str:
    return render_template("hello.html", name=name, items=["templates", "escaping", "loops"])
