import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';

/** The pane's look: Excel's light or dark theme, or high contrast (Windows contrast themes, forced colours). */
export type PaneTheme = 'light' | 'dark' | 'contrast';

export const FLUENT_THEMES: Record<PaneTheme, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** Office's theme colours (Office.context.officeTheme), as much of them as the choice needs. */
export interface OfficeThemeColours {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  isDarkTheme?: boolean;
}

/** What the system says: forced colours (Windows contrast themes), more contrast, a dark colour scheme. */
export interface SystemPreferences {
  forcedColors: boolean;
  moreContrast: boolean;
  dark: boolean;
}

/** Relative luminance of "#rrggbb" (WCAG), or null when it is not such a colour. */
export function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex?.trim() ?? '');
  if (!m) return null;
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Which theme the pane takes. Forced colours or more contrast asked for: high contrast. Inside Excel, Office's theme:
 * a black background with white text is Office's high-contrast look; any other dark background is dark. In a
 * browser (no Office theme), the system's colour scheme.
 */
export function chooseTheme(office: OfficeThemeColours | null | undefined, system: SystemPreferences): PaneTheme {
  if (system.forcedColors || system.moreContrast) return 'contrast';
  const bg = luminance(office?.bodyBackgroundColor);
  if (office && (bg !== null || office.isDarkTheme !== undefined)) {
    const fg = luminance(office.bodyForegroundColor);
    if (bg !== null && fg !== null && bg < 0.01 && fg > 0.95) return 'contrast';
    return office.isDarkTheme || (bg !== null && bg < 0.2) ? 'dark' : 'light';
  }
  return system.dark ? 'dark' : 'light';
}

const QUERIES = {
  forcedColors: '(forced-colors: active)',
  moreContrast: '(prefers-contrast: more)',
  dark: '(prefers-color-scheme: dark)',
} as const;

function systemNow(): SystemPreferences {
  const m = (q: string) => typeof matchMedia === 'function' && matchMedia(q).matches;
  return { forcedColors: m(QUERIES.forcedColors), moreContrast: m(QUERIES.moreContrast), dark: m(QUERIES.dark) };
}

function officeTheme(): OfficeThemeColours | null {
  try {
    return typeof Office === 'undefined' ? null : (Office.context?.officeTheme ?? null);
  } catch {
    return null;
  }
}

/** The theme to use now, following changes to the system's preferences (and Office's theme when asked again). */
export function usePaneTheme(): PaneTheme {
  const [theme, setTheme] = useState(() => chooseTheme(officeTheme(), systemNow()));
  useEffect(() => {
    const again = () => setTheme(chooseTheme(officeTheme(), systemNow()));
    const lists = Object.values(QUERIES).map((q) => matchMedia(q));
    for (const l of lists) l.addEventListener('change', again);
    // Excel has no theme-changed event for add-ins: look again when the pane comes back into view or gets focus.
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      for (const l of lists) l.removeEventListener('change', again);
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, []);
  return theme;
}
