// The one table of refusal texts, code → words in the page's language (Contest.Admin/Errors/ErrorTexts.tsv, put in the
// page by _ErrorTexts.cshtml). "<context>.<code>" (host, play, pitch, take, live) overrides "<code>" where a screen needs
// other words.
window.Errors = (() => {
  const node = document.getElementById('error-texts');
  const texts = node ? JSON.parse(node.textContent) : {};
  // undefined when the table has no words for the code, or words with a "{n}" the caller did not fill from args: the
  // caller then shows what the server worded (its detail, in the same language) rather than a bare "{0}".
  const text = (code, context, args) => {
    const words = (context && texts[context + '.' + code]) || texts[code];
    if (words === undefined) return undefined;
    const filled = words.replace(/\{(\d+)\}/g, (all, i) => args && args[i] !== undefined ? String(args[i]) : all);
    return /\{\d+\}/.test(filled) ? undefined : filled;
  };
  return { text };
})();
