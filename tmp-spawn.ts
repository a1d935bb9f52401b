import { spawn } from "node:child_process";
const heavy = process.argv.includes("heavy");
if (heavy) { await import("./compiler/compile"); await import("./runtime/worker/worker"); }
const hog:unknown[]=[]; if (process.argv.includes("hog")) for(let i=0;i<200;i++)hog.push(new Array(16384).fill(0).map((x,j)=>({j})));
async function go(n:number){const t=process.hrtime.bigint();const cpu=process.cpuUsage();let done=0;
await new Promise<void>(r=>{for(let i=0;i<n;i++){const c=spawn('/bin/sh',['-c','true'],{detached:true,stdio:['pipe','pipe','pipe']});c.stdin.on('error',()=>{});c.stdin.end('');c.on('close',()=>{if(++done===n)r()})}});
const c2=process.cpuUsage(cpu);
console.log(process.argv.slice(2).join(','),'rss',Math.round(process.memoryUsage().rss/1e6),'wall ms/spawn',(Number(process.hrtime.bigint()-t)/1e6/n).toFixed(2),'cpu ms/spawn',((c2.user+c2.system)/1000/n).toFixed(2));}
await go(100);
