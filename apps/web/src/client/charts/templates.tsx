/**
 * The class templates as images: each class's weights (the server normalizes all classes jointly
 * to 0…255), drawn on a small canvas per class, scaled up with crisp pixels.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { TemplateImages } from '../../shared/api-types.js';
import { GREY_LUT } from './colors.js';

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function Template({ images, index, name, scale }: { images: TemplateImages; index: number; name: string; scale: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const data = images.classes[index]!;
  useEffect(() => {
    const { width, height, channels } = images;
    const el = canvas.current!;
    el.width = width;
    el.height = height;
    const bytes = decode(data);
    const img = new ImageData(width, height);
    for (let p = 0; p < width * height; p++) {
      const [r, g, b] = channels === 3 ? [bytes[3 * p]!, bytes[3 * p + 1]!, bytes[3 * p + 2]!] : GREY_LUT[bytes[p]!]!;
      img.data.set([r, g, b, 255], 4 * p);
    }
    el.getContext('2d')!.putImageData(img, 0, 0);
  }, [data, images]);
  return (
    <figure class="template">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`the weights of class ${name} as an image`}
        data-testid={`template-${index}`}
        style={{ width: `${images.width * scale}px`, height: `${images.height * scale}px` }}
      />
      <figcaption>{name}</figcaption>
    </figure>
  );
}

export function TemplateGrid({ images, classNames, scale = 3 }: { images: TemplateImages; classNames: string[]; scale?: number }) {
  return (
    <div class="templates" data-testid="templates">
      {images.classes.map((_, k) => (
        <Template key={k} images={images} index={k} name={classNames[k] ?? String(k)} scale={scale} />
      ))}
    </div>
  );
}
