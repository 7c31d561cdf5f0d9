// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { computed } from 'vue';
import { createAppI18n } from '../i18n';
import { createOrgIndex } from './orgIndex';

const LISTS = {
  regions: [{ id: 'east', name: '华东', nameEn: 'East China', parentId: null }],
  centers: [{ id: 'sh-pd', name: '上海浦东', nameEn: 'Shanghai Pudong', regionId: 'east' }],
  engineers: [{ id: 'e-001', name: '张伟', nameEn: 'Zhang Wei', centerId: 'sh-pd' }],
} as unknown as Parameters<typeof createOrgIndex>[0];

describe('org index names', () => {
  it('names an engineer by the display rule and follows a switch of language', () => {
    const i18n = createAppI18n();
    i18n.global.locale.value = 'en';
    const org = createOrgIndex(LISTS, true);
    const [engineer] = org.children({ kind: 'center', id: 'sh-pd' });
    const crumbs = computed(() => org.path({ kind: 'engineer', id: 'e-001' }).map((node) => node.name));
    expect(engineer?.name).toBe('Zhang Wei');
    expect(crumbs.value).toEqual(['', 'East China', 'Shanghai Pudong', 'Zhang Wei']);
    i18n.global.locale.value = 'zh-CN';
    expect(engineer?.name).toBe('张伟');
    expect(crumbs.value).toEqual(['', '华东', '上海浦东', '张伟']);
  });
});
