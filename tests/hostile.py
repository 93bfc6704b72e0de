"""Hostile input shared by the hostile-input tests: an XSS corpus, references a PDF renderer
must never follow, and a checker that parses HTML and says what in it could run."""

from html.parser import HTMLParser

#: Each payload, if it ran, would set ``window.__xss`` or open a dialog.
XSS_CORPUS = [
    "<script>window.__xss=1</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=window.__xss=1>",
    '<img src="x" onerror="alert(1)">',
    "<IMG SRC=javascript:alert(1)>",
    "<img src=x:alert(1) onerror=eval(src)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="background-image:url(javascript:alert(1))">x</div>',
    '<p style="x:expression(alert(1))">x</p>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=javascript:alert(1)></object>",
    '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<base href=javascript:alert(1)//>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<javascript:alert(1)>",
    "[x]: javascript:alert(1)\n\n[link][x]",
    '<a href="#" onclick="window.__xss=1">x</a>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--><script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "`<img src=x onerror=alert(1)>`",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><img src=x onerror=alert(1)></template>",
    '<a href="https://ok.example" target="_blank" rel="opener">x</a>',
]

#: References that would make a PDF renderer read a local file, call the network or attach a
#: file to the PDF (WeasyPrint embeds what ``rel=attachment`` links point to).
PDF_REFERENCES = [
    "![x](file:///etc/passwd)",
    '<img src="file:///etc/passwd">',
    '<a rel="attachment" href="file:///etc/passwd">anexo</a>',
    "[anexo](file:///etc/passwd)",
    '<link rel="attachment" href="file:///etc/passwd">',
    '<object data="file:///etc/passwd"></object>',
    '<iframe src="file:///etc/passwd"></iframe>',
    "<style>@import url(file:///etc/passwd);</style>",
    '<div style="background:url(file:///etc/passwd)">x</div>',
]

_URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "srcset",
    "data",
    "poster",
    "background",
    "cite",
    "srcdoc",
}
_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_NEVER_TAGS = {
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "applet",
    "base",
    "math",
    "svg",
    "template",
    "noscript",
}


class _Checker(HTMLParser):
    def __init__(self, *, whole_page: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.whole_page = whole_page
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name.lower(): (value or "") for name, value in attrs}
        if tag in _NEVER_TAGS:
            self.problems.append(f"<{tag}>")
        # The portal's own scripts: files under /static/ or inline with the request's nonce.
        own = "nonce" in attributes or attributes.get("src", "").startswith("/static/")
        if tag in {"script", "style"} and not (self.whole_page and own):
            self.problems.append(f"<{tag}> that is not the portal's own")
        if tag == "meta" and "http-equiv" in attributes and "refresh" in attributes["http-equiv"]:
            self.problems.append("<meta refresh>")
        if tag == "link" and not attributes.get("href", "").startswith("/static/"):
            self.problems.append(f"<link href={attributes.get('href')!r}>")
        if tag in {"form", "input", "button"} and not self.whole_page:
            self.problems.append(f"<{tag}> inside user content")
        for name, value in attributes.items():
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name == "style" and not self.whole_page:
                self.problems.append(f"style= on <{tag}>")
            if name in _URL_ATTRIBUTES:
                url = "".join(value.split()).lower()
                if ":" in url.split("/")[0] and not url.startswith(_SAFE_SCHEMES):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "rel" and "opener" in value.lower().split():
                self.problems.append("rel=opener")

    handle_startendtag = handle_starttag


def active_content(html: str, *, whole_page: bool = False) -> list[str]:
    """List what in ``html`` could run script or leave the page (empty when it is inert)."""
    checker = _Checker(whole_page=whole_page)
    checker.feed(html)
    checker.close()
    return checker.problems
