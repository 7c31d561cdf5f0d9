const zhCN = {
  app: {
    name: '售后服务运营看板',
    scope: '全网概览',
  },
  locale: {
    label: '界面语言',
  },
  clock: {
    timeZone: '时区 {zone}',
  },
  status: {
    label: '数据状态',
    live: '实时',
    stale: '数据滞后',
    connecting: '正在连接',
    reconnecting: '正在重连',
    locked: '未授权',
    updatedAt: '最后更新 {time}',
  },
  overview: {
    title: '全网实时概览',
    open: '未结工单',
    openHint: '尚未解决、关闭或取消',
    createdToday: '今日新建',
    resolvedToday: '今日完成',
    todayHint: '按各服务中心当地日期',
    waiting: '等待数据',
  },
  trend: {
    title: '近 24 小时工单流量',
    unit: '单 / 小时',
    created: '新建',
    resolved: '完成',
    summary: '近 24 小时共新建 {created} 单，完成 {resolved} 单',
  },
  token: {
    title: '需要访问令牌',
    explain: '请输入管理员提供的看板访问令牌。令牌只保存在本机浏览器中。',
    refused: '服务器拒绝了该令牌，请检查后重新输入。',
    label: '访问令牌',
    save: '保存并连接',
  },
};

export type MessageSchema = typeof zhCN;

export default zhCN;
