"""CORS (cross-origin requests from browsers), Flask version.

The Flask-CORS extension adds the Access-Control-* headers and answers
preflight OPTIONS requests for the origins listed.
"""
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
# Only this front end may call the API from a browser; never "*" with credentials.
CORS(app, origins=["https://app.example.com"], methods=["GET", "POST"], allow_headers=["Content-Type"])


@app.get("/api/data")
def data() -> dict[str, int]:
    return {"value": 42}
