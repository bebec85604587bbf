// The page checks that axe-core cannot make, run in the page by `inspect.rs`. Each finding names
// its rule, the element (tag, id, classes, text) and what was measured, so a failure says where.
// arguments[0]: the rules to run.
const rules = new Set(arguments[0]);
const findings = [];
const viewportWidth = document.documentElement.clientWidth;

function describe(element) {
  let text = (element.innerText || element.textContent || element.getAttribute('aria-label') || '')
    .trim().replace(/\s+/g, ' ');
  if (text.length > 40) text = text.slice(0, 40) + '…';
  const id = element.id ? '#' + element.id : '';
  const classes = typeof element.className === 'string' && element.className.trim()
    ? '.' + element.className.trim().split(/\s+/).join('.') : '';
  return `<${element.tagName.toLowerCase()}${id}${classes}> "${text}"`;
}

function report(rule, element, detail) {
  findings.push({ rule, element: element ? describe(element) : '', detail });
}

function rendered(element) {
  if (element.closest('[hidden], [aria-hidden="true"], [inert]')) return false;
  // Inside a closed <details>, or otherwise skipped by the renderer.
  if (element.checkVisibility && !element.checkVisibility({ contentVisibilityAuto: true })) return false;
  const style = getComputedStyle(element);
  if (style.visibility === 'hidden' || style.display === 'none') return false;
  const rect = element.getBoundingClientRect();
  // Visually hidden text (1 × 1 px, clipped) is for screen readers, not a target or a box.
  return rect.width > 1 && rect.height > 1;
}

// Whether something between the element and the page scrolls or clips sideways on its own: a
// wide table in a scroll region is allowed by WCAG 1.4.10, the page itself may not scroll.
function insideSidewaysScroller(element) {
  for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
    const overflow = getComputedStyle(e).overflowX;
    if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden' || overflow === 'clip') {
      return true;
    }
  }
  return false;
}

if (rules.has('reflow')) {
  const overflow = document.documentElement.scrollWidth - viewportWidth;
  if (overflow > 0) {
    const sticking = [...document.body.querySelectorAll('*')].filter(e => {
      if (!rendered(e) || insideSidewaysScroller(e)) return false;
      const r = e.getBoundingClientRect();
      return r.right > viewportWidth + 0.5 || r.left < -0.5;
    });
    // The deepest ones are the cause; their ancestors only stick out because they do.
    const causes = sticking.filter(e => !sticking.some(other => other !== e && e.contains(other)));
    const shown = causes.slice(0, 5);
    if (shown.length === 0) report('reflow', null, `the page is ${overflow} px wider than the viewport`);
    for (const e of shown) {
      const r = e.getBoundingClientRect();
      report('reflow', e, `spans ${Math.round(r.left)}–${Math.round(r.right)} px of a ${viewportWidth} px viewport`);
    }
  }
  for (const e of document.body.querySelectorAll('*')) {
    // A field's own text scrolls inside it as the caret moves: that is how fields work, and
    // nothing is lost (a long answer typed, or last month's, shown in a narrow field).
    if (!rendered(e) || e.matches('input, textarea, select')) continue;
    const style = getComputedStyle(e);
    const clips = style.overflowX === 'hidden' || style.overflowX === 'clip';
    if (clips && e.scrollWidth > e.clientWidth + 1 && !insideSidewaysScroller(e)) {
      report('reflow', e, `clips ${e.scrollWidth - e.clientWidth} px of its content`);
    }
  }
}

// A link inside a sentence may be as small as the text around it (WCAG 2.5.8's inline exception).
function inRunningText(link) {
  if (getComputedStyle(link).display !== 'inline') return false;
  let block = link.parentElement;
  while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
  const own = (link.textContent || '').trim().length;
  const around = (block ? block.textContent || '' : '').trim().length;
  return around > own;
}

function targetRect(control) {
  let { left, top, right, bottom } = control.getBoundingClientRect();
  // A radio or checkbox is also hit through its label, which is part of its target.
  const labels = control.labels ? [...control.labels] : [];
  for (const label of labels) {
    const r = label.getBoundingClientRect();
    if (r.width === 0) continue;
    left = Math.min(left, r.left); top = Math.min(top, r.top);
    right = Math.max(right, r.right); bottom = Math.max(bottom, r.bottom);
  }
  return { width: right - left, height: bottom - top };
}

if (rules.has('targets')) {
  const controls = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link]');
  for (const control of controls) {
    if (!rendered(control)) continue;
    if (control.tagName === 'A' && inRunningText(control)) continue;
    // A text field's label is not its target; the field itself must be big enough.
    const { width, height } = ['radio', 'checkbox'].includes(control.type)
      ? targetRect(control) : control.getBoundingClientRect();
    if (width < 43.5 || height < 43.5) {
      report('targets', control, `${width.toFixed(1)} × ${height.toFixed(1)} px`);
    }
  }
}

if (rules.has('phone-numbers')) {
  // Icelandic numbers: seven digits (411 1111, +354 411 1111) and the short ones residents call.
  const phone = /(?:\+354[\s\u00a0\u202f]?)?(?<![\d.,\u00a0\u202f])\d{3}[\s\u00a0\u202f-]?\d{4}(?![\d.,])|(?<![\d.,\u00a0\u202f:]|\d\s)\b(?:112|1717)\b(?![\d.,:])/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !phone.test(node.textContent) || !rendered(parent)) continue;
    // A resident's own answers (their own number on check-your-answers) are data, not a number to call.
    if (parent.closest('script, style, textarea, option, .reference, time, .summary-list')) continue;
    const link = parent.closest('a');
    const number = node.textContent.match(phone)[0];
    if (!link || !(link.getAttribute('href') || '').startsWith('tel:')) {
      report('phone-numbers', parent, `${number} is not a tel: link`);
      continue;
    }
    if (seen.has(link)) continue;
    seen.add(link);
    const lines = new Set([...link.getClientRects()].map(r => Math.round(r.top)));
    if (lines.size > 1) report('phone-numbers', link, `${number} breaks over ${lines.size} lines`);
  }
}

// The roles whose elements may carry an author's name; ARIA prohibits or ignores it elsewhere
// (a plain list, a paragraph, a div), and screen readers then read it inconsistently or not at all.
const NAMEABLE_TAGS = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'NAV', 'ASIDE', 'MAIN',
  'SECTION', 'FORM', 'SUMMARY', 'IMG', 'SVG', 'IFRAME', 'DIALOG', 'TABLE', 'PROGRESS', 'METER',
  'OUTPUT', 'FIELDSET', 'ARTICLE']);
const UNNAMEABLE_ROLES = new Set(['generic', 'paragraph', 'presentation', 'none', 'list',
  'listitem', 'caption', 'code', 'deletion', 'insertion', 'emphasis', 'strong', 'subscript',
  'superscript', 'term', 'definition']);

function nameOf(element) {
  const ids = element.getAttribute('aria-labelledby');
  if (ids) {
    return ids.split(/\s+/).map(id => document.getElementById(id)?.textContent || '').join(' ').trim();
  }
  return (element.getAttribute('aria-label') || '').trim();
}

function landmarkRole(element) {
  const explicit = element.getAttribute('role');
  if (explicit) {
    return ['banner', 'navigation', 'main', 'complementary', 'contentinfo', 'region', 'search', 'form']
      .includes(explicit) ? explicit : null;
  }
  const sectioning = 'article, aside, main, nav, section';
  switch (element.tagName) {
    case 'MAIN': return 'main';
    case 'NAV': return 'navigation';
    case 'ASIDE': return 'complementary';
    case 'HEADER': return element.parentElement.closest(sectioning) ? null : 'banner';
    case 'FOOTER': return element.parentElement.closest(sectioning) ? null : 'contentinfo';
    case 'SECTION': return nameOf(element) ? 'region' : null;
    case 'FORM': return nameOf(element) ? 'form' : null;
    default: return null;
  }
}

if (rules.has('names')) {
  for (const element of document.querySelectorAll('[aria-label]')) {
    const role = element.getAttribute('role');
    const allowed = role ? !UNNAMEABLE_ROLES.has(role) : NAMEABLE_TAGS.has(element.tagName.toUpperCase());
    if (!allowed) report('names', element, `aria-label on a ${role || element.tagName.toLowerCase()}, which takes no name`);
  }
  const byRole = new Map();
  for (const element of document.querySelectorAll('header, footer, main, nav, aside, section, form, [role]')) {
    const role = landmarkRole(element);
    if (!role || !rendered(element)) continue;
    if (!byRole.has(role)) byRole.set(role, []);
    byRole.get(role).push(element);
  }
  for (const [role, elements] of byRole) {
    if (elements.length < 2) continue;
    const names = new Map();
    for (const element of elements) {
      const name = nameOf(element);
      if (!name) report('names', element, `one of ${elements.length} ${role} landmarks without a name`);
      else if (names.has(name)) report('names', element, `a second ${role} landmark named "${name}"`);
      names.set(name, element);
    }
  }
}

if (rules.has('announcements')) {
  const focused = document.activeElement;
  const heading = focused && focused.tagName === 'H1' ? focused.textContent.trim() : null;
  const summary = document.querySelector('.error-summary');
  if (summary && summary.getAttribute('role') !== 'alert' && document.activeElement !== summary) {
    report('announcements', summary, 'the error summary is neither an alert nor focused');
  }
  if (heading) {
    for (const region of document.querySelectorAll('[aria-live], [role=status], [role=alert]')) {
      if (region === summary) continue;
      if ((region.textContent || '').includes(heading)) {
        report('announcements', region, 'says the focused heading again: a screen reader reads it twice');
      }
    }
  }
  const h1 = document.querySelector('main h1');
  const title = document.title;
  if (!document.documentElement.lang) report('announcements', document.documentElement, 'no lang');
  if (h1 && !title.includes(h1.textContent.trim())) {
    report('announcements', h1, `the page title "${title}" does not name this step`);
  }
}

return findings;
