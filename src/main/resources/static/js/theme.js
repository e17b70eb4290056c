// The theme chosen in the top bar (system, light or dark), applied before the page is drawn so it
// never flashes in the other one. A classic script, not a module: modules run only after parsing.
(function applyStoredTheme() {
  var theme = null;
  try {
    theme = localStorage.getItem('rehearse.theme');
  } catch (e) {
    // storage switched off: the system's theme
  }
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
}());
