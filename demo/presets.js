// Config presets of the demo playground. Each is a complete widget config a site would use.
export const PRESETS = {
  default: {
    label: "Default",
    config: {},
  },
  partner: {
    label: "White-label partner",
    config: {
      locale: "de",
      theme: { primary: "#0f5c4d", accent: "#9a5b00", background: "#fffdf8", text: "#1f2a27", font_family: "Georgia, serif", radius: 4 },
      brand: { name: "Nordlicht Consulting", logo_url: "demo/partner-logo.svg", powered_by: false },
      cta: { label: { de: "Ergebnis mit uns besprechen", en: "Discuss your result with us" }, url: "https://nordlicht.example/termin", new_tab: true },
      texts: { de: { "intro.start": "Jetzt Standort bestimmen" } },
      privacy_url: "https://nordlicht.example/datenschutz",
    },
  },
  english_dark: {
    label: "English, dark",
    config: { locale: "en", theme: { mode: "dark" }, data_layer: true },
  },
};
