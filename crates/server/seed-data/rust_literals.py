"""Reads the `const NAME: Type = value;` items of a Rust source file into Python values.

Used once to turn the demo corpora, written as Rust literals, into the TOML files next to this
script (see from_rust.py). Understands what those files used: string, integer and bool
literals, `&[..]` slices, `(..)` tuples, `Struct { field: value }` and references to other
constants or enum paths (kept as the name, e.g. "PlaceKind::City")."""
import re

TOKEN = re.compile(r'''
    (?P<ws>\s+|//[^\n]*|/\*.*?\*/|\#!?\[[^\]]*\])
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<num>-?[0-9][0-9_]*)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<punct>&'static|&|\[|\]|\(|\)|\{|\}|,|:|;|=|<|>|'static)
''', re.S | re.X)

ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0'}


def unescape(body):
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c != '\\':
            out.append(c); i += 1; continue
        n = body[i + 1]
        if n == 'u':
            end = body.index('}', i)
            out.append(chr(int(body[i + 3:end], 16))); i = end + 1
        elif n == '\n':  # line continuation: skip the newline and leading whitespace
            i += 2
            while i < len(body) and body[i] in ' \t\n': i += 1
        else:
            out.append(ESCAPES[n]); i += 2
    return ''.join(out)


def tokens(src):
    pos = 0
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m:
            raise ValueError(f"cannot read at {pos}: {src[pos:pos + 40]!r}")
        pos = m.end()
        if m.lastgroup != 'ws':
            yield m.lastgroup, m.group()


class Parser:
    def __init__(self, toks):
        # Lazily: a constant ends long before the file's test code, which this does not read.
        self.src, self.t, self.i = toks, [], 0

    def peek(self, k=0):
        while len(self.t) <= self.i + k:
            nxt = next(self.src, None)
            if nxt is None:
                return (None, None)
            self.t.append(nxt)
        return self.t[self.i + k]

    def take(self, want=None):
        kind, text = self.peek()
        if want is not None and text != want:
            raise ValueError(f"expected {want!r}, got {text!r} near token {self.i}")
        self.i += 1
        return kind, text

    def value(self):
        kind, text = self.peek()
        if text in ('&', "&'static"):
            self.take()
            return self.value()
        if text == '[':
            self.take()
            items = []
            while self.peek()[1] != ']':
                items.append(self.value())
                if self.peek()[1] == ',': self.take()
            self.take(']')
            return items
        if text == '(':
            self.take()
            items = []
            while self.peek()[1] != ')':
                items.append(self.value())
                if self.peek()[1] == ',': self.take()
            self.take(')')
            return tuple(items)
        if kind == 'str':
            self.take()
            return unescape(text[1:-1])
        if kind == 'num':
            self.take()
            return int(text.replace('_', ''))
        if kind == 'ident':
            self.take()
            if text in ('true', 'false'):
                return text == 'true'
            if self.peek()[1] == '{':
                self.take()
                fields = {}
                while self.peek()[1] != '}':
                    _, name = self.take()
                    self.take(':')
                    fields[name] = self.value()
                    if self.peek()[1] == ',': self.take()
                self.take('}')
                return {'__struct__': text, **fields}
            return Ref(text)
        raise ValueError(f"unexpected {text!r}")


class Ref(str):
    """A reference to another constant or an enum variant."""


def consts(path):
    """Every `const NAME: Type = value;` in the file, in order, as {NAME: value}."""
    src = open(path, encoding='utf-8').read()
    out = {}
    for m in re.finditer(r'^(?:pub(?:\([a-z]+\))? )?const ([A-Z0-9_]+): [^=]+= ', src, re.M):
        p = Parser(tokens(src[m.end():]))
        out[m.group(1)] = p.value()
        p.take(';')
    return out
