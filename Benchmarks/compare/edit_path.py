"""J9: the edit path without the network: `retouch edit` against a local fake of OpenAI's
images/edits (127.0.0.1, answering at once with a 2048x2048 PNG), on a 2048x2048 photo
with a feathered mask. Prints Retouch's own split (`--json` timings: plan = read, prepare,
encode upload and mask, validate, price; decode; paste-back; drift; write) and the whole
process's wall time, median of RUNS (default 7). Usage (bench venv python; RETOUCH):

    edit_path.py PHOTO_2048.png
"""
import base64
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RETOUCH = os.environ.get("RETOUCH", os.path.join(HERE, "..", "..", ".build", "release", "retouch"))
RUNS = int(os.environ.get("RUNS", "7"))


def main():
    photo = sys.argv[1]
    with tempfile.TemporaryDirectory() as work:
        mask = os.path.join(work, "mask.png")
        subprocess.run([RETOUCH, "mask", "--like", photo, "--ellipse", "50%,50%,20%,15%", "--feather", "16", "-o", mask], check=True, capture_output=True)
        # The model's answer: the photo through a JPEG q90 round trip, so that (like a
        # regenerated image) no pixel is byte-identical to the source.
        answer_jpg, answer_png = os.path.join(work, "answer.jpg"), os.path.join(work, "answer.png")
        subprocess.run([RETOUCH, "convert", photo, "--quality", "90", "-o", answer_jpg], check=True, capture_output=True)
        subprocess.run([RETOUCH, "convert", answer_jpg, "-o", answer_png], check=True, capture_output=True)
        body = json.dumps({"created": 1, "data": [{"b64_json": base64.b64encode(open(answer_png, "rb").read()).decode()}],
                           "usage": {"input_tokens": 1000, "output_tokens": 14272, "total_tokens": 15272}}).encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/v1"
        env = dict(os.environ, OPENAI_API_KEY="sk-bench")
        rows = []
        for _ in range(RUNS + 1):
            start = time.perf_counter()
            out = subprocess.run([RETOUCH, "edit", photo, "--mask", mask, "--prompt", "a glass", "--size", "2048x2048", "--quality", "high",
                                  "--base-url", base, "--no-workspace", "-o", os.path.join(work, "out.png"), "--json"], env=env, capture_output=True, text=True, check=True)
            wall = time.perf_counter() - start
            rows.append((json.loads(out.stdout)["timings"], wall))
        server.shutdown()
    rows = rows[1:]   # the first run warms the page cache
    keys = ["plan", "provider", "decode", "pasteBack", "drift", "write"]
    med = {k: statistics.median(r[0][k] for r in rows) * 1000 for k in keys}
    ours = statistics.median(sum(r[0][k] for k in keys if k != "provider") for r in rows) * 1000
    wall = statistics.median(r[1] for r in rows) * 1000
    print("| step | median ms |\n|---|---:|")
    for k in keys:
        print(f"| {k} | {med[k]:.0f} |")
    print(f"| our own work (all but provider) | {ours:.0f} |\n| whole process (wall) | {wall:.0f} |")


if __name__ == "__main__":
    main()
