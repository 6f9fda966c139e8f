/**
 * 2-D playground: the linear-classifier demo learners know, on the same library — synthetic 2-D
 * points you can drag, class regions and margins redrawn as W trains, W and b editable by hand.
 * Everything runs in the page on @svm/core's reference backend (the package's browser build); a
 * dragged point is redrawn in the same event, without waiting for a frame or a server.
 */
import { backendName } from '@svm/core';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { PLAYGROUND_FIELDS, type PlaygroundSettings } from '../../shared/fields.js';
import { classColor } from '../charts/colors.js';
import { SettingsForm } from '../components/form.js';
import { percent, Stat } from '../components/stat.js';
import { drawPlayground, viewOf } from '../playground/draw.js';
import { Playground } from '../playground/model.js';
import { useSettings } from '../url-state.js';

const SIZE = 480;
/** Gradient steps per animation frame while training (~250 steps a second). */
const STEPS_PER_FRAME = 4;
/** How close (CSS px) a press must be to grab a point. */
const GRAB_RADIUS = 14;

// Weights beyond this make scores that overflow float32 at the canvas's corners: no picture.
const MAX_WEIGHT = 1e6;
const weightOf = (t: string): number | undefined => {
  const v = Number(t.trim() === '' ? NaN : t);
  return Number.isFinite(v) && Math.abs(v) <= MAX_WEIGHT ? v : undefined;
};

function WeightInput({ value, label, onCommit, onFocus }: { value: number; label: string; onCommit(v: number): void; onFocus(): void }) {
  const [text, setText] = useState<string>();
  const invalid = text !== undefined && weightOf(text) === undefined;
  return (
    <input
      type="text"
      inputMode="decimal"
      aria-label={label}
      data-testid={`weight-${label}`}
      class={invalid ? 'invalid' : ''}
      aria-invalid={invalid}
      title={invalid ? `a number from -${MAX_WEIGHT} to ${MAX_WEIGHT}` : undefined}
      value={text ?? value.toFixed(3)}
      onFocus={() => {
        onFocus();
        setText(value.toFixed(3));
      }}
      onBlur={() => setText(undefined)}
      onInput={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        const v = weightOf(t);
        if (v !== undefined) onCommit(v);
      }}
    />
  );
}

export default function PlaygroundView() {
  const settings = useSettings('playground', PLAYGROUND_FIELDS);
  const values = settings.values;
  const current = useRef<PlaygroundSettings | undefined>(values);
  if (values) current.current = values;
  const dataKey = values ? `${values.data}/${values.points}/${values.classes}/${values.seed}` : '';
  const [pg, setPg] = useState<Playground>();
  const [training, setTraining] = useState(true);
  const [readout, setReadout] = useState<{ loss: number; accuracy: number; W: number[][] }>();
  const canvas = useRef<HTMLCanvasElement>(null);
  const dragging = useRef<number | null>(null);
  const version = useRef(0);

  useEffect(() => {
    if (current.current) setPg(new Playground(current.current));
  }, [dataKey]);

  const redraw = useCallback(() => {
    const el = canvas.current;
    const s = current.current;
    if (!el || !pg || !s) return;
    const ctx = el.getContext('2d')!;
    const dpr = devicePixelRatio || 1;
    if (el.width !== SIZE * dpr) {
      el.width = SIZE * dpr;
      el.height = SIZE * dpr;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const view = viewOf(pg.bounds, SIZE);
    const status = pg.pointStatus(s.loss);
    drawPlayground(ctx, pg, view, s.loss, status.inMargin);
    // What the tests read: a redraw counter and where the first points are on screen.
    el.dataset.version = String(++version.current);
    el.dataset.points = JSON.stringify(Array.from({ length: Math.min(3, pg.X.rows) }, (_, i) => [view.toPx(pg.X.get(i, 0)), view.toPy(pg.X.get(i, 1))]));
    setReadout({
      loss: pg.loss(s),
      accuracy: status.accuracy,
      W: Array.from({ length: pg.classes }, (_, k) => [pg.W.get(0, k), pg.W.get(1, k), pg.W.get(2, k)]),
    });
  }, [pg]);

  // Training: a few steps per frame; paused while a point is held so it does not chase the cursor.
  useEffect(() => {
    if (!pg) return;
    redraw();
    if (!training) return;
    let alive = true;
    let frame = 0;
    const tick = async () => {
      if (!alive) return;
      if (dragging.current === null && current.current) await pg.step(current.current, STEPS_PER_FRAME);
      if (!alive) return;
      redraw();
      frame = requestAnimationFrame(() => void tick());
    };
    frame = requestAnimationFrame(() => void tick());
    return () => {
      alive = false;
      cancelAnimationFrame(frame);
    };
  }, [pg, training, redraw]);

  // Loss, learning rate and reg apply at once (the next frame), without new data.
  useEffect(() => redraw(), [values?.loss, values?.reg, redraw]);

  const local = (e: PointerEvent): [number, number] => {
    const r = canvas.current!.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * SIZE, ((e.clientY - r.top) / r.height) * SIZE];
  };

  const onPointerDown = (e: PointerEvent) => {
    if (!pg) return;
    const [px, py] = local(e);
    const view = viewOf(pg.bounds, SIZE);
    let best = -1;
    let bestD = GRAB_RADIUS;
    for (let i = 0; i < pg.X.rows; i++) {
      const d = Math.hypot(view.toPx(pg.X.get(i, 0)) - px, view.toPy(pg.X.get(i, 1)) - py);
      if (d <= bestD) {
        best = i;
        bestD = d;
      }
    }
    if (best < 0) return;
    dragging.current = best;
    canvas.current!.setPointerCapture(e.pointerId);
  };

  const onPointerMove = (e: PointerEvent) => {
    if (dragging.current === null || !pg) return;
    const [px, py] = local(e);
    const view = viewOf(pg.bounds, SIZE);
    const clamp = (v: number) => Math.min(SIZE, Math.max(0, v));
    const [x, y] = view.toData(clamp(px), clamp(py));
    pg.move(dragging.current, x, y);
    redraw();
  };

  const onPointerUp = () => {
    dragging.current = null;
  };

  const setWeight = (k: number, row: number, v: number) => {
    if (!pg) return;
    pg.W.set(row, k, v);
    redraw();
  };

  return (
    <section class="view" data-testid="view-playground">
      <header>
        <h2>2-D playground</h2>
        <p>
          A linear classifier on points in the plane, trained in this page by the library's reference backend ({backendName()}). Drag the points; edit W and b;
          shaded regions are the predicted classes, lines are each class's zero score w·x + b = 0 (the stub points towards higher score), ringed points are
          inside the margin (svm: loss &gt; 0).
        </p>
      </header>
      <SettingsForm specs={PLAYGROUND_FIELDS} settings={settings} onSubmit={() => undefined}>
        <button type="button" class="primary" data-testid="toggle-training" onClick={() => setTraining((t) => !t)}>
          {training ? 'Pause' : 'Train'}
        </button>
        <button
          type="button"
          data-testid="step-once"
          disabled={training || !pg}
          onClick={async () => {
            if (pg && current.current) await pg.step(current.current, 1);
            redraw();
          }}
        >
          Step
        </button>
        <button type="button" data-testid="reset" onClick={() => current.current && setPg(new Playground(current.current))}>
          Reset
        </button>
      </SettingsForm>
      <div class="playground">
        <canvas
          ref={canvas}
          data-testid="playground-canvas"
          role="img"
          aria-label="the points and the classifier's regions; drag a point to move it (the weights can be typed in the table)"
          style={{ width: `${SIZE}px`, height: `${SIZE}px`, touchAction: 'none' }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        />
        <div class="playground-side">
          <div class="stats">
            <Stat id="pg-loss" label="Loss" value={readout?.loss} />
            <Stat id="pg-accuracy" label="Accuracy" value={readout?.accuracy} format={percent} />
          </div>
          <table class="weights" data-testid="weights">
            <thead>
              <tr>
                <th>class</th>
                <th>w₁</th>
                <th>w₂</th>
                <th>b</th>
              </tr>
            </thead>
            <tbody>
              {readout?.W.map((row, k) => (
                <tr key={k}>
                  <th scope="row">
                    <span class="swatch" style={{ background: classColor(k) }} /> {k}
                  </th>
                  {row.map((v, r) => (
                    <td key={r}>
                      <WeightInput value={v} label={`${['w1', 'w2', 'b'][r]}-${k}`} onFocus={() => setTraining(false)} onCommit={(x) => setWeight(k, r, x)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p class="note">Editing a weight pauses training. Points, W and b live in the page; the settings above are in the URL.</p>
        </div>
      </div>
    </section>
  );
}
