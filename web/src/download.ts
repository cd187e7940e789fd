// Every chart downloadable as SVG and PNG, every table as CSV: the buttons and the conversions.
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function svgOf(figure: Element): SVGSVGElement | null {
  return figure instanceof SVGSVGElement ? figure : figure.querySelector('svg');
}

export function svgText(figure: Element): string {
  const svg = svgOf(figure);
  if (!svg) return '';
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (!copy.getAttribute('style')?.includes('background')) copy.style.background = 'white';
  return new XMLSerializer().serializeToString(copy);
}

export async function pngBlob(figure: Element, scale = 2): Promise<Blob> {
  const svg = svgOf(figure)!;
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svgText(figure)], { type: 'image/svg+xml' }));
  await new Promise((resolve, reject) => {
    image.onload = resolve;
    image.onerror = reject;
    image.src = url;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  URL.revokeObjectURL(url);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
}

export function csvText(columns: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[columns, ...rows].map((r) => r.map(cell).join(',')).join('\n')}\n`;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.className = 'download';
  b.addEventListener('click', onClick);
  return b;
}

/** A chart in a figure with its title and SVG / PNG buttons. */
export function chartBox(title: string, chart: Element, name: string): HTMLElement {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  const tools = document.createElement('div');
  tools.className = 'tools';
  tools.append(
    button('SVG', () => save(new Blob([svgText(chart)], { type: 'image/svg+xml' }), `${name}.svg`)),
    button('PNG', () => void pngBlob(chart).then((b) => save(b, `${name}.png`))),
  );
  caption.append(tools);
  figure.append(caption, chart);
  return figure;
}

/** The CSV button of a table. */
export function csvButton(name: string, columns: () => string[], rows: () => unknown[][]): HTMLButtonElement {
  return button('CSV', () =>
    save(new Blob([csvText(columns(), rows())], { type: 'text/csv' }), `${name}.csv`),
  );
}
