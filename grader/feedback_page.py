"""The student's feedback page: one self-contained HTML file that reads well offline and runs nothing of the
student's.

It is nbconvert's lab page with three changes:
- mathematics in markdown ($...$, $$...$$, \\begin{env}...\\end{env}) is converted to MathML (latex2mathml), which
  browsers lay out natively; a formula it cannot convert stays readable as LaTeX in <code>;
- every piece of HTML that comes from the notebook (markdown cells, HTML and markdown outputs, highlighted code)
  goes through an allowlist sanitiser (nh3): headings, paragraphs, lists, tables, code, links, MathML and
  data: images stay; scripts, event handlers, javascript: URLs, iframes, forms and styles (except a table
  cell's text-align, and the check boxes' colours, border and spacing) go. nbconvert's own `clean_html`
  allowlist lacks p, h1-h6, ul, ... (jupyter/nbconvert#2016);
- nothing is loaded from the network (no MathJax, require.js, mermaid or widget manager), and long lines wrap.
"""

from __future__ import annotations

import html
import re
from xml.etree.ElementTree import Element, tostring

import jinja2
import nbformat
import nh3

MATHML_TAGS = {"math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msub", "msup", "msubsup", "mfrac",
               "msqrt", "mroot", "mover", "munder", "munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded",
               "mphantom", "menclose", "merror", "mmultiscripts", "mprescripts", "none", "semantics"}
MATHML_ATTRIBUTES = {
    "math": {"display"},
    "mo": {"stretchy", "fence", "form", "separator", "minsize", "maxsize", "largeop", "movablelimits", "lspace",
           "rspace", "symmetric"},
    "mi": {"mathvariant"}, "mn": {"mathvariant"}, "mtext": {"mathvariant"}, "ms": {"mathvariant"},
    "mspace": {"width", "height", "depth"},
    "mfrac": {"linethickness"},
    "mover": {"accent"}, "munder": {"accentunder"}, "munderover": {"accent", "accentunder"},
    "mstyle": {"displaystyle", "scriptlevel", "mathvariant"},
    "mpadded": {"width", "height", "depth", "lspace", "voffset"},
    "menclose": {"notation"},
    "mtable": {"columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines", "rowlines", "frame"},
    "mtr": {"columnalign", "rowalign"},
    "mtd": {"columnalign", "rowalign", "columnspan", "rowspan"},
}
ALLOWED_TAGS = set(nh3.ALLOWED_TAGS) | MATHML_TAGS
ALLOWED_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    **MATHML_ATTRIBUTES,
    "*": {"class", "id", "title", "lang", "dir"},
    "th": nh3.ALLOWED_ATTRIBUTES["th"] | {"style"},  # markdown tables align columns with style="text-align: ..."
    "td": nh3.ALLOWED_ATTRIBUTES["td"] | {"style"},
    # the check boxes of utils.checks.display: colours, a border, spacing
    "div": nh3.ALLOWED_ATTRIBUTES.get("div", set()) | {"style"},
    "strong": nh3.ALLOWED_ATTRIBUTES.get("strong", set()) | {"style"},
}
STYLE_PROPERTIES = {"text-align", "color", "background-color", "border-left", "border-radius", "padding", "margin",
                    "margin-top", "margin-left", "overflow-wrap"}
EMBEDDED_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp|svg\+xml)[;,]", re.IGNORECASE)


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """Images only from data: URIs (the page loads nothing from the network); no data: URI anywhere else."""
    if element == "img" and attribute == "src":
        return value if EMBEDDED_IMAGE.match(value.strip()) else None
    if attribute == "style" and not any(part.split(":")[0].strip().lower() in STYLE_PROPERTIES
                                        for part in value.split(";")):
        return None  # no allowed property in it: drop the attribute rather than leave style=""
    if value.strip().lower().startswith("data:"):
        return None
    return value


def sanitise(fragment) -> str:
    """HTML from the notebook, with only what a reader needs: text structure, code, links, MathML, images."""
    fragment = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, attribute_filter=_keep_attribute,
                     url_schemes={"http", "https", "mailto", "data"}, filter_style_properties=STYLE_PROPERTIES,
                     clean_content_tags={"script", "style"})


def to_mathml(latex: str, display: str = "inline") -> str:
    """MathML for one formula ("inline" or "block"); LaTeX in <code> when latex2mathml cannot convert it."""
    from latex2mathml.converter import convert_to_element

    try:
        math = convert_to_element(latex, display=display)
    except Exception:  # noqa: BLE001 - latex2mathml's errors share no base class; any failure falls back
        math = None
    if math is None or _left_unconverted(math):
        delimiter = "$" if display == "inline" else "$$"
        return f'<code class="tex-fallback">{html.escape(delimiter + latex + delimiter)}</code>'
    del math.attrib["xmlns"]  # in HTML, <math> is MathML by itself (and nbconvert's heading anchors choke on it)
    for element in math.iter():
        # latex2mathml writes symbols as character references and its own `convert` unescapes the whole
        # serialisation, which lets a `<` in \text{} through as markup: decode the text, let ElementTree escape it.
        element.text = html.unescape(element.text) if element.text else element.text
    return tostring(math, encoding="unicode")


def _left_unconverted(math: Element) -> bool:
    """latex2mathml writes a command it does not know as text (`<mi>\\foo</mi>`); its symbols are `&#x...;`."""
    return any(element.text and "\\" in element.text for element in math.iter())


def _math_renderer():
    from nbconvert.filters.markdown_mistune import IPythonRenderer

    class MathMLRenderer(IPythonRenderer):
        def inline_math(self, body: str) -> str:
            return to_mathml(body, "inline")

        def block_math(self, body: str) -> str:
            return to_mathml(body, "block")

        def latex_environment(self, name: str, body: str) -> str:
            return to_mathml(f"\\begin{{{name}}}{body}\\end{{{name}}}", "block")

    return MathMLRenderer


@jinja2.pass_context
def markdown_to_html(context, source: str) -> str:
    """nbconvert's markdown rendering (with the cell's attachments as data: URIs), mathematics as MathML."""
    from nbconvert.filters.markdown_mistune import MarkdownWithMath

    attachments = context.get("cell", {}).get("attachments", {})
    return MarkdownWithMath(renderer=_math_renderer()(escape=False, attachments=attachments)).render(source)


WRAPPING_CSS = """
.jp-OutputArea-output pre, .jp-RenderedText pre, .jp-InputArea-editor .highlight pre {
  white-space: pre-wrap;
  word-break: normal;  /* JupyterLab's break-all splits words anywhere */
  overflow-wrap: anywhere;
}
.jp-RenderedMarkdown { overflow-wrap: anywhere; }
.jp-RenderedMarkdown table { display: block; max-width: 100%; overflow-x: auto; }
math[display="block"] { max-width: 100%; overflow-x: auto; }
.jp-RenderedMarkdown img, .jp-RenderedImage img { max-width: 100%; height: auto; }
math { font-size: 1.1em; }
"""

# lab/index.html.j2 without anything from the network (require.js, MathJax, mermaid, the widget manager).
TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}<style type="text/css">""" + WRAPPING_CSS + """</style>{%- endblock html_head_css -%}
"""


def render(nb: nbformat.NotebookNode, title: str, language: str = "en") -> str:
    """The feedback page of a feedback notebook (job.feedback_notebook) as one HTML file, `<html lang=language>`."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(sanitize_html=True, template_file="feedback.html.j2",
                            extra_loaders=[jinja2.DictLoader({"feedback.html.j2": TEMPLATE})],
                            filters={"clean_html": sanitise, "markdown2html": markdown_to_html})
    page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    # nbconvert's `language_code` takes ISO 639-1 codes only ("zh", not "zh-CN", which picks Simplified glyphs)
    opening = '<html lang="en">'
    if opening not in page:
        raise RuntimeError(f"nbconvert's page no longer opens with {opening}: cannot set the page's language")
    return page.replace(opening, f'<html lang="{html.escape(language)}">', 1)
