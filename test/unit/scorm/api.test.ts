// The package finds the LMS's SCORM 1.2 API the standard way: up the parent chain (bounded), then the
// opener's chain; a cross-origin frame or an object that is not the API is passed over.
import { describe, expect, it } from 'vitest';
import { MAX_PARENT_STEPS, findApi, isScorm12Api, type ApiWindow } from '@/features/scorm/api';
import { FakeLms } from './fakeLms';

function chain(depth: number, api: unknown): ApiWindow {
  const top: ApiWindow = { API: api };
  top.parent = top;
  let win = top;
  for (let i = 0; i < depth; i++) win = { parent: win };
  return win;
}

describe('findApi', () => {
  it('finds the API on the window itself, a parent, or a parent several frames up', () => {
    const api = new FakeLms();
    expect(findApi({ API: api })).toBe(api);
    expect(findApi(chain(1, api))).toBe(api);
    expect(findApi(chain(MAX_PARENT_STEPS, api))).toBe(api);
  });

  it('stops climbing after the limit', () => {
    expect(findApi(chain(MAX_PARENT_STEPS + 1, new FakeLms()))).toBeNull();
  });

  it('then searches the opener and its parents', () => {
    const api = new FakeLms();
    const popup: ApiWindow = { opener: chain(2, api) };
    popup.parent = popup;
    expect(findApi(popup)).toBe(api);
  });

  it('passes over frames that throw (another origin) and objects that are not the API', () => {
    const api = new FakeLms();
    const top: ApiWindow = { API: api };
    top.parent = top;
    const foreign = {
      get API(): unknown {
        throw new DOMException('cross-origin', 'SecurityError');
      },
      parent: top,
    } as ApiWindow;
    expect(findApi({ API: { LMSInitialize: () => 'true' }, parent: foreign })).toBe(api);
    expect(isScorm12Api({ Initialize: () => 'true' })).toBe(false);
    expect(isScorm12Api(null)).toBe(false);
  });

  it('returns null outside an LMS (a top window with no API and no opener)', () => {
    const win: ApiWindow = {};
    win.parent = win;
    expect(findApi(win)).toBeNull();
  });
});
