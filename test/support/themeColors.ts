/**
 * The CSS variables the details page uses, as VS Code 1.100's colour registry defines them for
 * its four default theme kinds (Light+, Dark+, High Contrast, High Contrast Light). A colour the
 * registry leaves unset for a kind (null) is left out here too, as the webview would leave it.
 */
export type ThemeKind = 'light' | 'dark' | 'hc-dark' | 'hc-light';

const FONTS = {
  'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  'editor-font-size': '14px',
};

export const THEME_VARIABLES: Record<ThemeKind, Record<string, string>> = {
  light: {
    ...FONTS,
    foreground: '#616161',
    descriptionForeground: '#717171',
    'editor-background': '#ffffff',
    'editor-foreground': '#000000',
    'panel-border': '#80808059',
    focusBorder: '#0090f1',
    'charts-red': '#e51400',
    'charts-orange': '#d18616',
    'charts-green': '#388a34',
    'charts-blue': '#1a85ff',
    'button-background': '#007acc',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#0062a3',
    'button-secondaryBackground': '#5f6a79',
    'button-secondaryForeground': '#ffffff',
    'button-secondaryHoverBackground': '#4c5561',
    'textPreformat-foreground': '#a31515',
    'textPreformat-background': '#0000001a',
    'textCodeBlock-background': '#dcdcdc66',
    'debugTokenExpression-name': '#9b46b0',
    'debugTokenExpression-string': '#a31515',
    'debugTokenExpression-number': '#098658',
    'debugTokenExpression-boolean': '#0000ff',
    'textLink-foreground': '#006ab1',
    'textBlockQuote-background': '#f2f2f2',
  },
  dark: {
    ...FONTS,
    foreground: '#cccccc',
    descriptionForeground: '#ccccccb3',
    'editor-background': '#1e1e1e',
    'editor-foreground': '#d4d4d4',
    'panel-border': '#80808059',
    focusBorder: '#007fd4',
    'charts-red': '#f14c4c',
    'charts-orange': '#d18616',
    'charts-green': '#89d185',
    'charts-blue': '#3794ff',
    'button-background': '#0e639c',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#1177bb',
    'button-secondaryBackground': '#3a3d41',
    'button-secondaryForeground': '#ffffff',
    'button-secondaryHoverBackground': '#45494e',
    'textPreformat-foreground': '#d7ba7d',
    'textPreformat-background': '#ffffff1a',
    'textCodeBlock-background': '#0a0a0a66',
    'debugTokenExpression-name': '#c586c0',
    'debugTokenExpression-string': '#ce9178',
    'debugTokenExpression-number': '#b5cea8',
    'debugTokenExpression-boolean': '#4e94ce',
    'textLink-foreground': '#3794ff',
    'textBlockQuote-background': '#222222',
  },
  'hc-dark': {
    ...FONTS,
    foreground: '#ffffff',
    descriptionForeground: '#ffffffb3',
    'editor-background': '#000000',
    'editor-foreground': '#ffffff',
    'panel-border': '#6fc3df',
    contrastBorder: '#6fc3df',
    contrastActiveBorder: '#f38518',
    focusBorder: '#f38518',
    'charts-red': '#f48771',
    'charts-orange': '#ab5a00',
    'charts-green': '#89d185',
    'charts-blue': '#3794ff',
    'button-border': '#6fc3df',
    'button-foreground': '#ffffff',
    'button-secondaryForeground': '#ffffff',
    'textPreformat-foreground': '#ffffff',
    'textPreformat-background': '#000000',
    'textCodeBlock-background': '#000000',
    'debugTokenExpression-name': '#ffffff',
    'debugTokenExpression-string': '#f48771',
    'debugTokenExpression-number': '#89d185',
    'debugTokenExpression-boolean': '#75bdfe',
    'textLink-foreground': '#21a6ff',
  },
  'hc-light': {
    ...FONTS,
    foreground: '#292929',
    descriptionForeground: '#292929b3',
    'editor-background': '#ffffff',
    'editor-foreground': '#292929',
    'panel-border': '#0f4a85',
    contrastBorder: '#0f4a85',
    contrastActiveBorder: '#006bbd',
    focusBorder: '#006bbd',
    'charts-red': '#b5200d',
    'charts-orange': '#0f4a85',
    'charts-green': '#374e06',
    'charts-blue': '#1a85ff',
    'button-border': '#0f4a85',
    'button-background': '#0f4a85',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#0f4a85',
    'button-secondaryBackground': '#ffffff',
    'button-secondaryForeground': '#292929',
    'textPreformat-foreground': '#292929',
    'textPreformat-background': '#f2f2f2',
    'textCodeBlock-background': '#f2f2f2',
    'debugTokenExpression-name': '#292929',
    'debugTokenExpression-string': '#a31515',
    'debugTokenExpression-number': '#098658',
    'debugTokenExpression-boolean': '#0000ff',
    'textLink-foreground': '#0f4a85',
    'textBlockQuote-background': '#f2f2f2',
  },
};

/** The `code` rule of VS Code's default webview style sheet, which every webview gets before its own. */
export const WEBVIEW_DEFAULT_CSS = `
body { background-color: transparent; color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); margin: 0; padding: 0 20px; }
code { color: var(--vscode-textPreformat-foreground); background-color: var(--vscode-textPreformat-background); padding: 1px 3px; border-radius: 4px; }
pre code { padding: 0; }
`;

export function themeCss(kind: ThemeKind): string {
  const variables = Object.entries(THEME_VARIABLES[kind]).map(([name, value]) => `  --vscode-${name}: ${value};`);
  return `html {\n${variables.join('\n')}\n  background: var(--vscode-editor-background);\n}\n`;
}
