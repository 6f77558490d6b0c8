import type { ThemeConfig } from 'antd';

// A bank's colours: a deep Chinese red for actions, navy for the frame.
export const PRIMARY = '#a61b29';
export const NAVY = '#12243a';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorInfo: '#1f4e8c',
    colorLink: '#1f4e8c',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
  },
  components: {
    Layout: { siderBg: NAVY, headerBg: '#ffffff', bodyBg: '#f3f4f7', headerPadding: '0 16px', headerHeight: 56 },
    Menu: {
      darkItemBg: NAVY,
      darkSubMenuItemBg: NAVY,
      darkItemSelectedBg: PRIMARY,
      darkGroupTitleColor: 'rgba(255,255,255,0.45)',
    },
  },
};
