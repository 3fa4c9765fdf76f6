// The one table of refusal texts, code → words in the page's language (Contest.Admin/Errors/ErrorTexts.tsv, put in the
// page by _ErrorTexts.cshtml). "<context>.<code>" (host, play, pitch, take, live) overrides "<code>" where a screen needs
// other words.
window.Errors = (() => {
  const node = document.getElementById('error-texts');
  const texts = node ? JSON.parse(node.textContent) : {};
  // undefined when the table has no words for the code: the caller decides what to show instead.
  const text = (code, context) => (context && texts[context + '.' + code]) || texts[code];
  return { text };
})();
