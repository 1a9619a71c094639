// Entry of the duty officer's console (bundled as dist/console.js).
import { startConsole } from './app.js';
import { liveFeed } from './liveFeed.js';

startConsole({ feed: liveFeed }).catch((e) => {
  console.error(e);
  document.body.prepend(Object.assign(document.createElement('div'), { className: 'fatal', textContent: `控制台启动失败：${e.message}` }));
});
