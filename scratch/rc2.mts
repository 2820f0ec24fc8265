import { RegExpRouter } from '/work/main/node_modules/hono/dist/router/reg-exp-router/index.js';
function tryit(paths: string[][]) { const r = new RegExpRouter<number>(); try { paths.forEach(([m,p],i)=>r.add(m,p,i)); r.match('GET','/x'); console.log('ok  ', JSON.stringify(paths)); } catch (e) { console.log('FAIL', JSON.stringify(paths)); } }
tryit([['POST','/q/practice'],['POST','/q/:id/submit']]);
tryit([['POST','/q/practice'],['POST','/q/:id']]);
tryit([['POST','/q/:id/submit'],['POST','/q/practice']]);
tryit([['POST','/q/:id/start'],['POST','/q/:id/submit']]);
tryit([['ALL','/api/*'],['POST','/q/practice'],['POST','/q/:id/submit']]);
